using Gateway.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Tokens;

internal static class TokensServiceCollectionExtensions
{
    /// <summary>Token options, the signing key ring (loaded at start, refreshed periodically) and the access token issuer.</summary>
    public static IServiceCollection AddGatewayTokens(this IServiceCollection services)
    {
        services.AddValidatedOptions<TokenOptions, TokenOptionsValidator>(TokenOptions.SectionName);
        services.TryAddScoped<SigningKeyStore>();
        services.TryAddSingleton<SigningKeyRing>();
        services.TryAddSingleton<AccessTokenIssuer>();
        services.AddHostedService<SigningKeyRingRefresher>();
        return services;
    }
}
