using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Extensions.Options;

namespace Gateway.Tokens;

/// <summary>Mints RFC 9068 access tokens (<c>typ: at+jwt</c>) with the ring's current key.</summary>
internal sealed class AccessTokenIssuer(SigningKeyRing ring, IOptions<TokenOptions> options)
{
    public const string TokenType = "at+jwt";

    /// <summary>Whether a token signed by <paramref name="kid"/> must be treated as expired (its key was revoked).</summary>
    public bool IsRevokedKey(string? kid) => ring.IsRevoked(kid);

    // Times come from the claims (TimeProvider), never from the handler's own clock.
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public string Mint(AccessTokenClaims claims, string audience) => Mint(claims, audience, out _);

    /// <summary>Mints a token and says which key signed it (<paramref name="kid"/>): the hot path refuses a revoked one.</summary>
    public string Mint(AccessTokenClaims claims, string audience, out string kid)
    {
        var signer = ring.Signer();
        kid = signer.Kid;
        var payload = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [JwtRegisteredClaimNames.Sub] = claims.UserId,
            [JwtRegisteredClaimNames.Name] = claims.UserName,
            ["sid"] = claims.SessionId,
            [JwtRegisteredClaimNames.Jti] = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16)),
        };
        if (claims.Roles.Count == 1)
        {
            payload["role"] = claims.Roles[0];
        }
        else if (claims.Roles.Count > 1)
        {
            payload["role"] = claims.Roles.ToArray();
        }

        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            TokenType = TokenType,
            Issuer = options.Value.Issuer,
            Audience = audience,
            IssuedAt = claims.IssuedAt.UtcDateTime,
            NotBefore = claims.IssuedAt.UtcDateTime,
            Expires = claims.ExpiresAt.UtcDateTime,
            Claims = payload,
            SigningCredentials = signer.Credentials,
        });
    }
}
