using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Gateway.Tokens;

/// <summary>What a downstream's JwtBearer reads: the discovery document and the public keys.</summary>
internal static class DiscoveryEndpoints
{
    public const string DiscoveryPath = "/.well-known/openid-configuration";
    public const string JwksPath = "/.well-known/jwks.json";

    public static IEndpointRouteBuilder MapGatewayTokens(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(DiscoveryPath, GetDiscovery);
        endpoints.MapGet(JwksPath, GetJwks);
        return endpoints;
    }

    private static JsonHttpResult<DiscoveryDocument> GetDiscovery(IOptions<TokenOptions> options, HttpResponse response)
    {
        var issuer = options.Value.Issuer;
        SetShortCache(response);
        return TypedResults.Json(
            new DiscoveryDocument(issuer, issuer.TrimEnd('/') + JwksPath, [SigningAlgorithms.RS256, SigningAlgorithms.ES256]),
            TokensJsonContext.Default.DiscoveryDocument);
    }

    // From the ring in memory: an unauthenticated endpoint must not cost a database read per request. The ring reloads
    // every KeyRingRefreshInterval, and `keys rotate` / `keys revoke` wait that long before they exit.
    private static JsonHttpResult<JsonWebKeySetDocument> GetJwks(SigningKeyRing ring, HttpResponse response)
    {
        SetShortCache(response);
        var keys = ring.Published().Select(key => key.PublicKey).ToList();
        return TypedResults.Json(new JsonWebKeySetDocument(keys), TokensJsonContext.Default.JsonWebKeySetDocument);
    }

    // Downstreams cache keys themselves; a short shared cache only spares the gateway bursts of fetches.
    private static void SetShortCache(HttpResponse response) => response.Headers.CacheControl = "public, max-age=60";
}
