using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Gateway.Hosting;

internal static class ConfigurationFiles
{
    /// <summary>
    /// Keeps <c>appsettings*.json</c> reloaded on change (routes and clusters take effect without a restart) but
    /// watches only the content root folder itself, not every folder below it (see <see cref="ContentRootFileProvider"/>).
    /// </summary>
    public static WebApplicationBuilder WatchGatewayConfigurationFiles(this WebApplicationBuilder builder)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(builder.Environment.ContentRootPath));
        ContentRootFileProvider? provider = null;
        var sources = builder.Configuration.Sources;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource { ReloadOnChange: true, FileProvider: PhysicalFileProvider files, Path: { } path } json
                && string.Equals(Path.TrimEndingDirectorySeparator(files.Root), root, StringComparison.Ordinal))
            {
                provider ??= new ContentRootFileProvider(root);
                sources[i] = new JsonConfigurationSource
                {
                    Path = path,
                    Optional = json.Optional,
                    ReloadOnChange = true,
                    ReloadDelay = json.ReloadDelay,
                    FileProvider = provider,
                };
            }
        }

        return builder;
    }
}
