using System.Text.Json.Serialization;

namespace Gateway.Tokens;

/// <summary>The part of OpenID Connect Discovery a JwtBearer downstream reads: where the keys are.</summary>
internal sealed record DiscoveryDocument(
    [property: JsonPropertyName("issuer")] string Issuer,
    [property: JsonPropertyName("jwks_uri")] string JwksUri,
    [property: JsonPropertyName("id_token_signing_alg_values_supported")] IReadOnlyList<string> SigningAlgorithms);
