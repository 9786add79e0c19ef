using Gateway.Cleanup;
using Gateway.Csrf;
using Gateway.Forwarding;
using Gateway.Http;
using Gateway.Observability;
using Gateway.Oidc;
using Gateway.Proxy;
using Gateway.RateLimiting;
using Gateway.Sessions;
using Gateway.Sessions.Endpoints;
using Gateway.StaticApp;
using Gateway.Storage;
using Gateway.Telemetry;
using Gateway.Tokens;
using Gateway.Users;

namespace Gateway.Hosting;

/// <summary>The composition: features registered, then the pipeline in order. Nothing else.</summary>
internal static class GatewayApplication
{
    public static WebApplication Build(string[] args)
    {
        RuntimeFloor.EnsureSupported();
        var builder = ConfigurationFiles.CreateBuilder(args);
        // Storage first: its migrator is the first hosted service, before anything reads the database.
        builder.Services
            .AddGatewayStorage()
            .AddGatewayHosting()
            .AddGatewayHttp()
            .AddGatewayForwarding()
            .AddGatewayObservability()
            .AddGatewayTokens()
            .AddGatewayUsers()
            .AddGatewaySessions()
            .AddGatewayOidc()
            .AddGatewayCsrf()
            .AddGatewayRateLimiting()
            .AddGatewayProxy(builder.Configuration)
            .AddGatewayStaticApp()
            .AddGatewayCleanup();
        builder.AddGatewayTelemetry();

        var app = builder.Build();
        GatewaySettings.ThrowIfUnknownKeys(app.Configuration);
        app.UseGatewayForwarding();
        app.UseGatewayTelemetry();
        app.UseGatewayHttp();
        app.UseGatewayStaticApp();
        app.UseRateLimiter();
        app.MapGatewayObservability();
        app.MapGatewayTokens();
        app.MapGroup("/auth").RequireCsrf().MapGatewaySessions();
        app.MapGatewayOidc();
        app.MapGatewayProxy();
        return app;
    }
}
