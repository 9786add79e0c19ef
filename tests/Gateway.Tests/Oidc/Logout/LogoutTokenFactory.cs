using System.Security.Cryptography;
using System.Text;
using Gateway.TestSupport;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Tests.Oidc.Logout;

/// <summary>Logout tokens for the gateway: genuine ones from the provider's key, and every kind of wrong one.</summary>
internal sealed class LogoutTokenFactory(TestIdentityProvider provider)
{
    public const string LogoutEvent = "http://schemas.openid.net/event/backchannel-logout";

    /// <summary>The claims of a valid logout token for <paramref name="subject"/> and/or <paramref name="sid"/>.</summary>
    public Dictionary<string, object> Claims(string? subject, string? sid)
    {
        var now = DateTimeOffset.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["iss"] = provider.Issuer,
            ["aud"] = provider.ClientId,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddMinutes(2).ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["events"] = new Dictionary<string, object> { [LogoutEvent] = new Dictionary<string, object>() },
        };
        if (subject is not null)
        {
            claims["sub"] = subject;
        }

        if (sid is not null)
        {
            claims["sid"] = sid;
        }

        return claims;
    }

    /// <summary>Signed with the provider's own key (in its JWKS).</summary>
    public string Genuine(Dictionary<string, object> claims, string typ = "logout+jwt") => provider.Tokens.CreateJwt(claims, typ);

    /// <summary>Signed with an RSA key the provider never published, under a kid it does not have.</summary>
    public static string Forged(Dictionary<string, object> claims)
    {
        using var rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: true)) { KeyId = "attacker-key" };
        return Create(claims, new SigningCredentials(key, SecurityAlgorithms.RsaSha256), "logout+jwt");
    }

    /// <summary>Signed with a key of the attacker's under the kid of the provider's real key.</summary>
    public string ForgedUnderTheProvidersKid(Dictionary<string, object> claims)
    {
        using var rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: true)) { KeyId = provider.Tokens.SigningKey.KeyId };
        return Create(claims, new SigningCredentials(key, SecurityAlgorithms.RsaSha256), "logout+jwt");
    }

    /// <summary>HS256 with a shared secret (what a client that trusts its client secret would accept).</summary>
    public static string SymmetricallySigned(Dictionary<string, object> claims, string secret)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        return Create(claims, new SigningCredentials(new SymmetricSecurityKey(bytes), SecurityAlgorithms.HmacSha256), "logout+jwt");
    }

    /// <summary><c>alg: none</c>, no signature.</summary>
    public static string Unsigned(Dictionary<string, object> claims)
    {
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"logout+jwt"}""");
        var payload = Base64UrlEncoder.Encode(System.Text.Json.JsonSerializer.Serialize(claims));
        return $"{header}.{payload}.";
    }

    private static string Create(Dictionary<string, object> claims, SigningCredentials credentials, string typ) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }
            .CreateToken(new SecurityTokenDescriptor { Claims = claims, SigningCredentials = credentials, TokenType = typ });
}
