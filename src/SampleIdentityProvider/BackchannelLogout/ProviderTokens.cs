using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SampleIdentityProvider.Configuration;
using SampleIdentityProvider.Keys;
using SampleIdentityProvider.Server;

namespace SampleIdentityProvider.BackchannelLogout;

/// <summary>
/// JWTs signed with the provider's own signing key (the one in its JWKS): the back-channel logout tokens the
/// sample sends, and any token a test wants to look genuine.
/// </summary>
public sealed class ProviderTokens
{
    /// <summary>The event member of a logout token's <c>events</c> claim (OpenID Connect Back-Channel Logout 1.0 §2.4).</summary>
    public const string BackchannelLogoutEvent = "http://schemas.openid.net/event/backchannel-logout";

    private readonly ProviderKeys _keys;
    private readonly ProviderIssuer _issuer;
    private readonly IOptions<SampleIdentityProviderOptions> _options;
    private readonly TimeProvider _time;

    internal ProviderTokens(ProviderKeys keys, ProviderIssuer issuer, IOptions<SampleIdentityProviderOptions> options, TimeProvider time)
    {
        _keys = keys;
        _issuer = issuer;
        _options = options;
        _time = time;
    }

    /// <summary>The issuer, as in the discovery document and every token (trailing <c>/</c> included).</summary>
    public string Issuer => _issuer.Value;

    /// <summary>The key tokens are signed with (RS256), published in the JWKS under its <c>kid</c>.</summary>
    public SecurityKey SigningKey => _keys.Signing;

    /// <summary>A JWS with exactly <paramref name="claims"/> (nothing added) and header <c>typ</c> <paramref name="type"/>.</summary>
    public string CreateJwt(IDictionary<string, object> claims, string type = "JWT") => new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }
        .CreateToken(new SecurityTokenDescriptor { Claims = claims, SigningCredentials = _keys.SigningCredentials, TokenType = type });

    /// <summary>
    /// A logout token for the gateway client: <c>typ</c> <c>logout+jwt</c>; <c>iss</c>, <c>aud</c> (the client id),
    /// <c>iat</c>, <c>exp</c> (2 minutes), a fresh <c>jti</c>, <c>events</c>, and <c>sub</c> and/or <c>sid</c> as given.
    /// </summary>
    public string CreateLogoutToken(string? subject, string? sessionId)
    {
        if (subject is null && sessionId is null)
        {
            throw new ArgumentException("A logout token names a subject, a session, or both.");
        }

        var now = _time.GetUtcNow();
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Iss] = Issuer,
            [JwtRegisteredClaimNames.Aud] = _options.Value.ClientId,
            [JwtRegisteredClaimNames.Iat] = now.ToUnixTimeSeconds(),
            [JwtRegisteredClaimNames.Exp] = now.AddMinutes(2).ToUnixTimeSeconds(),
            [JwtRegisteredClaimNames.Jti] = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16)),
            ["events"] = new Dictionary<string, object> { [BackchannelLogoutEvent] = new Dictionary<string, object>() },
        };
        if (subject is not null)
        {
            claims[JwtRegisteredClaimNames.Sub] = subject;
        }

        if (sessionId is not null)
        {
            claims["sid"] = sessionId;
        }

        return CreateJwt(claims, "logout+jwt");
    }
}
