using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Oidc.Provider;

/// <summary>What checking a JWT from the OP came to.</summary>
internal sealed record ProviderTokenValidation(JsonWebToken? Token, string? Failure, bool ProviderUnavailable = false)
{
    public bool IsValid => Token is not null;
}

/// <summary>
/// Checks a JWT the OP signed (an ID token, a logout token) with IdentityModel's <c>JsonWebTokenHandler</c>: an
/// asymmetric signature by a key of the OP's JWKS (fetched again, once, when the token names a <c>kid</c> the gateway
/// does not know), <c>iss</c> = Authority, <c>aud</c> containing ClientId, and its lifetime on the gateway's clock.
/// </summary>
internal sealed class ProviderTokenValidator(ProviderMetadata metadata, IOptions<OidcOptions> options, TimeProvider time)
{
    /// <summary>Asymmetric algorithms only: <c>none</c> and <c>HS*</c> (a key the client shares) are refused.</summary>
    public static readonly string[] Algorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    public async Task<ProviderTokenValidation> ValidateAsync(string jwt, bool requireExpiration, CancellationToken cancellationToken)
    {
        var configuration = await metadata.GetAsync(cancellationToken);
        if (configuration is null)
        {
            return new(null, "the OpenID Provider's keys cannot be fetched", ProviderUnavailable: true);
        }

        if (!Handler.CanReadToken(jwt))
        {
            return new(null, "not a JWT");
        }

        JsonWebToken unverified;
        try
        {
            unverified = Handler.ReadJsonWebToken(jwt);
        }
        catch (ArgumentException)
        {
            return new(null, "not a JWT");
        }

        if (!string.IsNullOrEmpty(unverified.Kid) && !HasKey(configuration, unverified.Kid))
        {
            // The OP may have rotated its keys since they were fetched.
            configuration = await metadata.RefreshForUnknownKeyAsync(cancellationToken) ?? configuration;
        }

        var settings = options.Value;
        var parameters = new TokenValidationParameters
        {
            ValidIssuers = [settings.AuthorityWithoutSlash, settings.AuthorityWithoutSlash + "/"],
            ValidAudience = settings.ClientId,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidAlgorithms = Algorithms,
            RequireSignedTokens = true,
            RequireExpirationTime = requireExpiration,
            ValidateLifetime = true,

            // On the gateway's clock (TimeProvider), which the library's own check would not read.
            LifetimeValidator = (notBefore, expires, _, _) => IsWithinLifetime(notBefore, expires, requireExpiration),
            ValidateIssuerSigningKey = false,
        };
        var result = await Handler.ValidateTokenAsync(jwt, parameters);
        return result.IsValid
            ? new(result.SecurityToken as JsonWebToken, null)
            : new(null, result.Exception?.GetType().Name ?? "invalid");
    }

    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private bool IsWithinLifetime(DateTime? notBefore, DateTime? expires, bool requireExpiration)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (expires is null)
        {
            return !requireExpiration;
        }

        return expires.Value.ToUniversalTime() + ClockSkew > now && (notBefore is null || notBefore.Value.ToUniversalTime() - ClockSkew <= now);
    }

    private static bool HasKey(OpenIdConnectConfiguration configuration, string kid) =>
        configuration.SigningKeys.Any(key => string.Equals(key.KeyId, kid, StringComparison.Ordinal));
}
