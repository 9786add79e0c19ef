using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Gateway.Hosting;

internal static class ConfigurationFiles
{
    /// <summary>
    /// Host settings for <see cref="WebApplication.CreateBuilder(string[])"/>: load the configuration files without
    /// the framework's watcher, which watches every folder below the content root (see <see cref="ContentRootFileProvider"/>).
    /// <see cref="WatchGatewayConfigurationFiles"/> then watches them itself.
    /// </summary>
    public static string[] WithoutFrameworkWatcher(string[] args) => [.. args, "--hostBuilder:reloadConfigOnChange=false"];

    /// <summary>
    /// Reloads <c>appsettings*.json</c> of the content root on change (routes and clusters take effect without a
    /// restart), watching the content root folder itself only.
    /// </summary>
    public static WebApplicationBuilder WatchGatewayConfigurationFiles(this WebApplicationBuilder builder)
    {
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
