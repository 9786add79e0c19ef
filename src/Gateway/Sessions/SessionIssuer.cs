using Gateway.Tokens;
using Microsoft.Extensions.Options;

namespace Gateway.Sessions;

/// <summary>Mints what a login or a rotation hands out: an access token, a refresh token and their cookies.</summary>
internal sealed class SessionIssuer(AccessTokenIssuer tokens, SessionCookieProtector protector, IOptions<TokenOptions> options)
{
    public IssuedTokens Issue(string userId, string userName, IReadOnlyList<string> roles, string sessionId,
        DateTimeOffset sessionEndsAt, DateTimeOffset now, string audience)
    {
        var lifetimes = options.Value;
        var refreshExpiresAt = Earliest(now + lifetimes.RefreshTokenLifetime, sessionEndsAt);
        // JWT times are whole seconds: keep the ticket's the same, rounded down so no token outlives its session.
        var claims = new AccessTokenClaims(userId, userName, roles, sessionId, WholeSeconds(now),
            WholeSeconds(Earliest(now + lifetimes.AccessTokenLifetime, sessionEndsAt)));
        var ticket = new AccessTicket(claims, audience, tokens.Mint(claims, audience), refreshExpiresAt);
        var refreshToken = RefreshTokenValue.New();
        var session = new IssuedSession(ticket, protector.ProtectAccess(ticket), protector.ProtectRefresh(refreshToken));
        return new IssuedTokens(session, RefreshTokenValue.Hash(refreshToken), refreshExpiresAt);
    }

    private static DateTimeOffset Earliest(DateTimeOffset left, DateTimeOffset right) => left < right ? left : right;

    private static DateTimeOffset WholeSeconds(DateTimeOffset value) => DateTimeOffset.FromUnixTimeSeconds(value.ToUnixTimeSeconds());
}
