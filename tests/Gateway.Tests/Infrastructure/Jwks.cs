using System.Net.Http.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Tests.Infrastructure;

/// <summary>Validates a token the way a downstream does: against the gateway's published keys only.</summary>
internal static class Jwks
{
    public static async Task<JsonWebKeySet> FetchAsync(GatewayFactory gateway)
    {
        using var client = gateway.CreateDefaultClient(new Uri("http://localhost"));
        var json = await client.GetStringAsync("/.well-known/jwks.json");
        return new JsonWebKeySet(json);
    }

    public static async Task<TokenValidationResult> ValidateAsync(GatewayFactory gateway, string jwt, string audience)
    {
        var keys = await FetchAsync(gateway);
        var now = gateway.Clock.GetUtcNow().UtcDateTime;
        return await new JsonWebTokenHandler().ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            ValidIssuer = "http://localhost",
            ValidAudience = audience,
            IssuerSigningKeys = keys.GetSigningKeys(),
            ValidTypes = ["at+jwt"],
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256],
            ClockSkew = TimeSpan.Zero,
            LifetimeValidator = (notBefore, expires, _, _) => notBefore <= now && now < expires,
        });
    }

    public static async Task<T?> ReadJsonAsync<T>(this HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<T>();
}
