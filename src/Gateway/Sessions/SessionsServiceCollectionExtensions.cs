using Gateway.Configuration;
using Gateway.Sessions.Connections;
using Gateway.Sessions.Endpoints;
using Gateway.Sessions.HotPath;
using Gateway.Sessions.Login;
using Gateway.Sessions.Refresh;
using Gateway.Sessions.Revocation;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Sessions;

internal static class SessionsServiceCollectionExtensions
{
    /// <summary>Cookies, the session resolver and its caches, rotation, revocation and the login path.</summary>
    public static IServiceCollection AddGatewaySessions(this IServiceCollection services)
    {
        services.AddValidatedOptions<GatewayCookieOptions, GatewayCookieOptionsValidator>(GatewayCookieOptions.SectionName);
        services.AddValidatedOptions<SessionOptions, SessionOptionsValidator>(SessionOptions.SectionName);
        services.AddValidatedOptions<AuthenticationOptions, AuthenticationOptionsValidator>(AuthenticationOptions.SectionName);

        services.TryAddSingleton<SessionCookies>();
        services.TryAddSingleton<SessionCookieProtector>();
        services.TryAddSingleton<VerifiedAccessCache>();
        services.TryAddSingleton<RevokedSessions>();
        services.TryAddSingleton<RefreshTokenStore>();
        services.TryAddSingleton<SessionIssuer>();
        services.TryAddSingleton<RefreshService>();
        services.TryAddSingleton<SessionResolver>();
        services.TryAddScoped<SessionStarter>();
        services.TryAddScoped<SessionRevoker>();
        services.TryAddScoped<DeviceList>();
        services.TryAddScoped<LoginService>();
        services.TryAddSingleton<SessionResponder>();
        services.TryAddSingleton<CurrentSession>();
        services.TryAddSingleton<OpenConnections>();
        services.TryAddSingleton<RevocationEvents>();
        services.TryAddSingleton<RevocationPoller>();
        services.TryAddSingleton<RevocationListener>();
        services.AddHostedService(provider => provider.GetRequiredService<RevocationPoller>());
        services.AddHostedService(provider => provider.GetRequiredService<RevocationListener>());
        services.AddHostedService<OpenConnectionSweeper>();

        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, SessionsJsonContext.Default));
        return services;
    }
}
