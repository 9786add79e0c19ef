using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.FileProviders;

namespace Gateway.Hosting;

internal static class ConfigurationFiles
{
    /// <summary>
    /// Log levels that hold without any settings file (the built gateway run from another folder): EF Core's
    /// commands, YARP's per-request lines and ASP.NET Core's request lines would otherwise log at Information, a
    /// line per database command. The OpenID Provider's HTTP client logs four lines per call, and, when the provider
    /// is down, a stack trace per retry from HttpClient and from Polly; the gateway says the same in one warning of its
    /// own (event ids 24xx). Lowest priority: appsettings.json, the environment and the command line override them.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> LoggingDefaults { get; } = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        ["Logging:LogLevel:Yarp"] = "Warning",
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
        ["Logging:LogLevel:Polly"] = "None",
    };

    /// <summary>
    /// The application builder, with <c>appsettings*.json</c> of the content root reloaded on change (routes and
    /// clusters take effect without a restart) by a watcher of the content root folder itself only. The files are
    /// loaded without the framework's watcher, which watches every folder below it (see <see cref="ContentRootFileProvider"/>),
    /// then given this one, through a provider that refuses a change that does not parse or names an unknown key
    /// (<see cref="CheckedJsonConfigurationSource"/>).
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);
        var sources = builder.Configuration.Sources;
        sources.Insert(0, new MemoryConfigurationSource { InitialData = LoggingDefaults });

        var reloads = new ConfigurationReloads();
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(builder.Environment.ContentRootPath));
        ContentRootFileProvider? provider = null;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource { ReloadOnChange: false, FileProvider: PhysicalFileProvider files, Path: { } path } json
                && string.Equals(Path.TrimEndingDirectorySeparator(files.Root), root, StringComparison.Ordinal))
            {
                provider ??= new ContentRootFileProvider(root, reloads.Failed);
                sources[i] = new CheckedJsonConfigurationSource(GatewaySettings.Schema, reloads)
                {
                    Path = path,
                    Optional = json.Optional,
                    ReloadOnChange = true,
                    ReloadDelay = json.ReloadDelay,
                    FileProvider = provider,
                };
            }
        }

        builder.Services.AddSingleton(reloads);
        if (provider is not null)
        {
            builder.Services.AddHostedService(services => new ConfigurationWatch(
                provider, reloads, services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConfigurationFiles).FullName!)));
        }

        return builder;
    }

    // Changes are logged once there are loggers. Each watcher holds an inotify instance, of which a user has few
    // (128 by default): it is released with the host.
    private sealed class ConfigurationWatch(ContentRootFileProvider provider, ConfigurationReloads reloads, ILogger logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            reloads.Attach(logger);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            provider.Dispose();
            return Task.CompletedTask;
        }
    }
}
