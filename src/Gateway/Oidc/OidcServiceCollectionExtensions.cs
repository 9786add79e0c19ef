using Gateway.Configuration;
using Gateway.Csrf;
using Gateway.Http;
using Gateway.Oidc.Login;
using Gateway.Oidc.Logout;
using Gateway.Oidc.Provider;
using Gateway.Oidc.Tokens;
using Gateway.RateLimiting;
using Gateway.Sessions.Login;
using Gateway.Sessions.Revocation;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Oidc;

internal static class OidcServiceCollectionExtensions
{
    /// <summary>
    /// OpenID Connect mode (CONTRACT-OIDC.md): the OP's metadata and endpoints, the login and logout flows, the OP's
    /// tokens per session and the tokens routes forward. Registered in both modes (settings are read at start);
    /// <see cref="MapGatewayOidc"/> maps the endpoints only in <c>Oidc</c> mode.
    /// </summary>
    public static IServiceCollection AddGatewayOidc(this IServiceCollection services)
    {
        services.AddValidatedOptions<OidcOptions, OidcOptionsValidator>(OidcOptions.SectionName);
        services.AddProviderHttp();

        services.TryAddSingleton<ProviderMetadata>();
        services.TryAddSingleton<ProviderClient>();
        services.TryAddSingleton<ProviderTokenValidator>();
        services.TryAddSingleton<GatewayUrls>();
        services.TryAddSingleton<RouteTokenRequirements>();
        services.TryAddSingleton<ProviderTokenProtector>();
        services.TryAddSingleton<ProviderTokenCache>();
        services.TryAddSingleton<ProviderGrantStore>();
        services.TryAddSingleton<ClientTokenStore>();
        services.TryAddSingleton<UserTokenService>();
        services.TryAddSingleton<ClientTokenService>();
        services.TryAddSingleton<ProviderTokens>();

        services.TryAddSingleton<LoginStateCookies>();
        services.TryAddSingleton<LoginStarter>();
        services.TryAddScoped<LoginCompleter>();
        services.TryAddScoped<ProviderSessionStarter>();

        services.TryAddSingleton<LogoutProtector>();
        services.TryAddSingleton<ProviderRevocationQueue>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISessionEndObserver, ProviderRevocationQueue>(
            provider => provider.GetRequiredService<ProviderRevocationQueue>()));
        services.TryAddSingleton<ProviderRefreshTokenRevoker>();
        services.TryAddScoped<BackchannelLogoutService>();
        services.AddHostedService<ProviderRevocationWorker>();

        services.AddRateLimiter(limiter => limiter.AddPolicy(BackchannelLogoutEndpoints.RateLimitPolicy, context =>
            RouteRateLimits.PartitionByClient(context, BackchannelPermitsPerMinute)));
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, OidcJsonContext.Default));
        return services;
    }

    /// <summary>An OP logs many sessions out at once (one call each) from one address: a far wider budget than logins get.</summary>
    public const int BackchannelPermitsPerMinute = 600;

    public static IEndpointRouteBuilder MapGatewayOidc(this IEndpointRouteBuilder endpoints)
    {
        if (!endpoints.ServiceProvider.GetRequiredService<IOptions<AuthenticationOptions>>().Value.IsOidc)
        {
            return endpoints;
        }

        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<OidcOptions>>().Value;
        LoginEndpoints.MapLogin(endpoints, options);
        LogoutEndpoints.MapLogout(endpoints.MapGroup("/auth").RequireCsrf());
        LogoutEndpoints.MapLogoutNavigations(endpoints, options);
        BackchannelLogoutEndpoints.MapBackchannelLogout(endpoints, options);

        // Front-channel logout is not offered: the path ASP.NET Core's handler would serve answers 404, not the app's page.
        endpoints.MapGet("/signout-oidc", () => ProblemResults.NotFound("Front-channel logout is not offered; the OpenID Provider uses back-channel logout."));
        return endpoints;
    }
}
