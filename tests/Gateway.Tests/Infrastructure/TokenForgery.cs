using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// Builds the tokens an attacker would send: a real token's payload under another header, unsigned, or signed
/// with a key of the attacker's choosing. Compact JWS by hand, so nothing "helpfully" fixes the header.
/// </summary>
internal static class TokenForgery
{
    public static JsonObject Header(string jwt) => JsonNode.Parse(Base64UrlEncoder.Decode(jwt.Split('.')[0]))!.AsObject();

    public static string Payload(string jwt) => jwt.Split('.')[1];

    /// <summary><c>alg: none</c> and an empty signature (RFC 7519 section 6).</summary>
    public static string Unsigned(JsonObject header, string payload)
    {
        header["alg"] = "none";
        return $"{Encode(header)}.{payload}.";
    }

    /// <summary>Signs <paramref name="payload"/> under <paramref name="header"/>, whose <c>alg</c> becomes <paramref name="algorithm"/>.</summary>
    public static string Sign(JsonObject header, string payload, SecurityKey key, string algorithm)
    {
        header["alg"] = algorithm;
        var signingInput = $"{Encode(header)}.{payload}";
        var signer = CryptoProviderFactory.Default.CreateForSigning(key, algorithm);
        try
        {
            return $"{signingInput}.{Base64UrlEncoder.Encode(signer.Sign(Encoding.ASCII.GetBytes(signingInput)))}";
        }
        finally
        {
            CryptoProviderFactory.Default.ReleaseSignatureProvider(signer);
        }
    }

    private static string Encode(JsonObject header) => Base64UrlEncoder.Encode(header.ToJsonString());
}
