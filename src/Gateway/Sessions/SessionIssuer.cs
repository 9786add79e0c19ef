using Gateway.Sessions.HotPath;
using Gateway.Sessions.Refresh;
using Gateway.Tokens;
using Microsoft.Extensions.Options;

namespace Gateway.Sessions;

/// <summary>Mints what a login or a rotation hands out: an access token, a refresh token and their cookies.</summary>
internal sealed class SessionIssuer(AccessTokenIssuer tokens, SessionCookieProtector protector, IOptions<TokenOptions> options)
{
    public IssuedTokens Issue(string userId, string userName, IReadOnlyList<string> roles, string sessionId,
        DateTimeOffset sessionEndsAt, DateTimeOffset now, string audience)
    {
        // The database keeps instants as Unix milliseconds: hand out the one it keeps, so every answer about the
        // session shows the same instant.
        var refreshExpiresAt = WholeMilliseconds(Earliest(now + options.Value.RefreshTokenLifetime, sessionEndsAt));
        var who = new AccessTokenClaims(userId, userName, roles, sessionId, now, now);
        var ticket = MintTicket(who, sessionEndsAt, refreshExpiresAt, now, audience);
        var refreshToken = RefreshTokenValue.New();
        var session = new IssuedSession(ticket, protector.ProtectAccess(ticket), protector.ProtectRefresh(refreshToken));
        return new IssuedTokens(session, RefreshTokenValue.Hash(refreshToken), refreshExpiresAt);
    }

    /// <summary>
    /// The same session and refresh cookie with a new access token: for a stored successor replayed in the grace
    /// period after its own access token expired. Capped like <see cref="Issue"/>, and never past the cookies' end.
    /// </summary>
    public IssuedSession RenewAccess(IssuedSession stored, DateTimeOffset sessionEndsAt, DateTimeOffset now, string audience)
    {
        var ticket = MintTicket(stored.Ticket.Claims, Earliest(sessionEndsAt, stored.CookiesExpireAt), stored.Ticket.SessionExpiresAt, now, audience);
        return stored with { Ticket = ticket, AccessCookie = protector.ProtectAccess(ticket) };
    }

    private AccessTicket MintTicket(AccessTokenClaims who, DateTimeOffset sessionEndsAt, DateTimeOffset sessionExpiresAt,
        DateTimeOffset now, string audience)
    {
        // JWT times are whole seconds: keep the ticket's the same, rounded down so no token outlives its session.
        var claims = who with
        {
            IssuedAt = WholeSeconds(now),
            ExpiresAt = WholeSeconds(Earliest(now + options.Value.AccessTokenLifetime, sessionEndsAt)),
        };
        var jwt = tokens.Mint(claims, audience, out var kid);
        return new AccessTicket(claims, audience, jwt, sessionExpiresAt, kid);
    }

    private static DateTimeOffset Earliest(DateTimeOffset left, DateTimeOffset right) => left < right ? left : right;

    private static DateTimeOffset WholeSeconds(DateTimeOffset value) => DateTimeOffset.FromUnixTimeSeconds(value.ToUnixTimeSeconds());

    private static DateTimeOffset WholeMilliseconds(DateTimeOffset value) => DateTimeOffset.FromUnixTimeMilliseconds(value.ToUnixTimeMilliseconds());
}
