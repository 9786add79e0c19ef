using Gateway.Hosting;
using Gateway.Observability;
using Gateway.Oidc;
using Gateway.Sessions;
using Gateway.Storage;
using Gateway.Tokens;
using Gateway.Users;

namespace Gateway.Admin;

/// <summary>
/// The services a CLI command needs, configured exactly like the gateway (same appsettings.json, environment
/// variables, database and Data Protection keys), without the web server or background loops.
/// </summary>
internal static class AdminHost
{
    public static async Task<IHost> StartAsync(Action<IConfigurationBuilder>? configure, CancellationToken cancellationToken)
    {
        // The gateway reads ASPNETCORE_ENVIRONMENT; a generic host only DOTNET_ENVIRONMENT. Take the same one.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
                ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
                ?? Environments.Production,

            // A command runs for a moment: nothing to reload, and no watcher over the folder tree to set up.
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        configure?.Invoke(builder.Configuration);
        builder.Logging.ClearProviders();
        builder.Services
            .AddGatewayStorage()
            .AddGatewayHosting()
            .AddGatewayObservability()
            .AddGatewayTokens()
            .AddGatewayUsers()
            .AddGatewaySessions()
            .AddGatewayOidc();

        var host = builder.Build();
        try
        {
            // The gateway validates its settings when it starts; a command works on the same settings, so it does too.
            GatewaySettings.ThrowIfUnknownKeys(host.Services.GetRequiredService<IConfiguration>());
            host.Services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();
            await DatabaseMigrator.MigrateAsync(host.Services, cancellationToken);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }
}
