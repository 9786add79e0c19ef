using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SampleIdentityProvider.Tests.Infrastructure;

/// <summary>Reading and checking the provider's JWTs.</summary>
internal static class Jwt
{
    public static JsonElement Payload(string token) => Parse(new JsonWebToken(token).EncodedPayload);

    public static JsonElement Header(string token) => Parse(new JsonWebToken(token).EncodedHeader);

    /// <summary>Validates <paramref name="token"/> against the keys of the provider's JWKS, as a relying party would.</summary>
    public static async Task<TokenValidationResult> ValidateAsync(HttpClient client, string authority, string token, string audience, string? type = null)
    {
        var jwks = new JsonWebKeySet(await client.GetStringAsync(authority + "/.well-known/jwks"));
        return await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidIssuer = authority + "/",
            ValidAudience = audience,
            ValidTypes = type is null ? null : [type],
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        });
    }

    private static JsonElement Parse(string encoded) => JsonDocument.Parse(Base64UrlEncoder.Decode(encoded)).RootElement.Clone();
}
