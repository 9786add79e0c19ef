using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Gateway.Sessions;

/// <summary>Reads the two session cookies from a request and sets or clears them on a response.</summary>
internal sealed class SessionCookies(IOptions<GatewayCookieOptions> options)
{
    public string AccessName => SessionCookieNames.Access(options.Value.Secure);

    public string RefreshName => SessionCookieNames.Refresh(options.Value.Secure);

    public bool TryGetAccess(StringValues cookieHeader, out ReadOnlySpan<char> value) =>
        CookieHeader.TryGetValue(cookieHeader, AccessName, out value);

    public bool TryGetRefresh(StringValues cookieHeader, out ReadOnlySpan<char> value) =>
        CookieHeader.TryGetValue(cookieHeader, RefreshName, out value);

    public bool HasAny(StringValues cookieHeader) =>
        TryGetAccess(cookieHeader, out _) || TryGetRefresh(cookieHeader, out _);

    /// <summary>
    /// Sets both cookies. No cache may keep an answer that sets them, whatever caching a downstream allowed on a
    /// proxied one: the answer is made <c>no-store</c>.
    /// </summary>
    public void Write(HttpResponse response, IssuedSession session)
    {
        var cookieOptions = Create(session.CookiesExpireAt);
        response.Cookies.Append(AccessName, session.AccessCookie, cookieOptions);
        response.Cookies.Append(RefreshName, session.RefreshCookie, cookieOptions);
        response.Headers.CacheControl = "no-store";
    }

    /// <summary>Same name, Path=/ and Secure as when set: browsers ignore a deletion that differs. <c>no-store</c> too.</summary>
    public void Clear(HttpResponse response)
    {
        var cookieOptions = Create(expires: DateTimeOffset.UnixEpoch);
        response.Cookies.Delete(AccessName, cookieOptions);
        response.Cookies.Delete(RefreshName, cookieOptions);
        response.Headers.CacheControl = "no-store";
    }

    private CookieOptions Create(DateTimeOffset expires)
    {
        var current = options.Value;
        return new CookieOptions
        {
            HttpOnly = true,
            Secure = current.Secure,
            SameSite = current.SameSite == CookieSameSite.Lax ? SameSiteMode.Lax : SameSiteMode.Strict,
            Path = "/",
            Expires = expires,
            IsEssential = true,
        };
    }
}
