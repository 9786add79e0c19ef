using System.Text.Json.Serialization;

namespace Gateway.Tokens;

/// <summary>A public key as published in the JWKS (RFC 7517): <c>kid</c>, <c>kty</c>, <c>alg</c>, <c>use: sig</c>.</summary>
internal sealed record JsonWebKeyDocument(
    [property: JsonPropertyName("kty")] string Kty,
    [property: JsonPropertyName("use")] string Use,
    [property: JsonPropertyName("alg")] string Alg,
    [property: JsonPropertyName("kid")] string Kid,
    [property: JsonPropertyName("n")] string? N = null,
    [property: JsonPropertyName("e")] string? E = null,
    [property: JsonPropertyName("crv")] string? Crv = null,
    [property: JsonPropertyName("x")] string? X = null,
    [property: JsonPropertyName("y")] string? Y = null);
