using Gateway.Sessions.HotPath;
using Gateway.Sessions.Refresh;
using Gateway.Sessions.Revocation;
using Gateway.Tokens;
using Microsoft.Extensions.Primitives;

namespace Gateway.Sessions;

/// <summary>
/// The one place that decides whether a request has a live session: valid access cookie (memory only),
/// expired one refreshed transparently, or none. Shared by <c>/auth/session</c> and the proxy.
/// </summary>
internal sealed class SessionResolver(
    SessionCookies cookies,
    SessionCookieProtector protector,
    VerifiedAccessCache cache,
    RevokedSessions revoked,
    RefreshService refresh,
    SigningKeyRing keys,
    TimeProvider time)
{
    public ValueTask<SessionResolution> ResolveAsync(HttpContext context, string audience)
    {
        var header = context.Request.Headers.Cookie;
        var access = FindLiveAccess(header, out var sessionRevoked);
        if (access is not null)
        {
            return ValueTask.FromResult(new SessionResolution(SessionState.Live, access, null, HadCookies: true));
        }

        if (sessionRevoked)
        {
            return ValueTask.FromResult(SessionResolution.None(hadCookies: true));
        }

        var refreshToken = cookies.TryGetRefresh(header, out var refreshCookie) ? protector.UnprotectRefresh(refreshCookie) : null;
        if (refreshToken is null)
        {
            return ValueTask.FromResult(SessionResolution.None(cookies.HasAny(header)));
        }

        return RefreshAsync(context, refreshToken, audience);
    }

    /// <summary>
    /// <c>POST /auth/refresh</c>: rotates the refresh token now, whatever the access cookie says.
    /// </summary>
    public ValueTask<SessionResolution> RefreshNowAsync(HttpContext context, string audience)
    {
        var header = context.Request.Headers.Cookie;
        var refreshToken = cookies.TryGetRefresh(header, out var refreshCookie) ? protector.UnprotectRefresh(refreshCookie) : null;
        return refreshToken is null
            ? ValueTask.FromResult(SessionResolution.None(cookies.HasAny(header)))
            : RefreshAsync(context, refreshToken, audience);
    }

    /// <summary>
    /// Which session the request's cookies name, live or not (an expired access cookie still names it):
    /// what logout and a new login need to end it.
    /// </summary>
    public async Task<string?> IdentifyAsync(HttpContext context)
    {
        var header = context.Request.Headers.Cookie;
        if (cookies.TryGetAccess(header, out var accessCookie) && protector.UnprotectAccess(accessCookie) is { } ticket)
        {
            return ticket.SessionId;
        }

        var refreshToken = cookies.TryGetRefresh(header, out var refreshCookie) ? protector.UnprotectRefresh(refreshCookie) : null;
        return refreshToken is null ? null : await refresh.FindSessionIdAsync(refreshToken, context.RequestAborted);
    }

    /// <summary>The hot path: a cached cookie costs a span lookup, a revocation probe and a revoked-key probe.</summary>
    private VerifiedAccess? FindLiveAccess(StringValues header, out bool sessionRevoked)
    {
        sessionRevoked = false;
        if (!cookies.TryGetAccess(header, out var cookie))
        {
            return null;
        }

        if (!cache.TryGet(cookie, out var access))
        {
            var ticket = protector.UnprotectAccess(cookie);
            if (ticket is null)
            {
                return null;
            }

            access = new VerifiedAccess(ticket);
            if (ticket.ExpiresAt > time.GetUtcNow())
            {
                cache.Add(cookie.ToString(), access);
            }
        }

        if (revoked.Contains(access.Ticket.SessionId))
        {
            sessionRevoked = true;
            return null;
        }

        // A token whose key was revoked (keys revoke) counts as expired: the refresh below mints one with a key in use.
        return access.Ticket.ExpiresAt > time.GetUtcNow() && !keys.IsRevoked(access.Ticket.Kid) ? access : null;
    }

    // The new access cookie is not cached here: it is cached when the browser presents it. A cookie whose answer was
    // lost, or a client that refreshes without ever using its tokens, would otherwise fill the cache with cookies nobody sends.
    private async ValueTask<SessionResolution> RefreshAsync(HttpContext context, byte[] refreshToken, string audience)
    {
        var result = await refresh.RefreshAsync(refreshToken, SessionRequestInfo.From(context), audience, context.RequestAborted);
        return SessionResolution.From(result);
    }
}
