using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Gateway.Hosting;

internal static class ConfigurationFiles
{
    /// <summary>
    /// The application builder, with <c>appsettings*.json</c> of the content root reloaded on change (routes and
    /// clusters take effect without a restart) by a watcher of the content root folder itself only. The files are
    /// loaded without the framework's watcher, which watches every folder below it (see <see cref="ContentRootFileProvider"/>),
    /// then given this one.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(builder.Environment.ContentRootPath));
        ContentRootFileProvider? provider = null;
        var sources = builder.Configuration.Sources;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource { ReloadOnChange: false, FileProvider: PhysicalFileProvider files, Path: { } path } json
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

        if (provider is not null)
        {
            builder.Services.AddHostedService(_ => new StopWatchingOnShutdown(provider));
        }

        return builder;
    }

    // Each watcher holds an inotify instance, of which a user has few (128 by default): release it with the host.
    private sealed class StopWatchingOnShutdown(ContentRootFileProvider provider) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            provider.Dispose();
            return Task.CompletedTask;
        }
    }
}
