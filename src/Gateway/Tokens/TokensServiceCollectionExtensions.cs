using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Tokens;

internal static class TokensServiceCollectionExtensions
{
    /// <summary>Token options, the signing key ring (loaded at start, refreshed periodically) and the access token issuer.</summary>
    public static IServiceCollection AddGatewayTokens(this IServiceCollection services)
    {
        services.AddOptions<TokenOptions>().BindConfiguration(TokenOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TokenOptions>, TokenOptionsValidator>());
        services.TryAddScoped<SigningKeyStore>();
        services.TryAddSingleton<SigningKeyRing>();
        services.TryAddSingleton<AccessTokenIssuer>();
        services.AddHostedService<SigningKeyRingRefresher>();
        return services;
    }
}
