using System.Net.Http.Headers;
using Gateway.Sessions;
using Yarp.ReverseProxy.Transforms;

namespace Gateway.Proxy;

/// <summary>
/// On every route: the client's <c>Authorization</c> never reaches the downstream (a protected route sets the
/// gateway's own after this), nor do the gateway's cookies (other cookies pass as they came), nor any header
/// whose name has an underscore.
/// </summary>
/// <remarks>
/// Underscores: CGI-style stacks (PHP, WSGI, Rack, CGI itself) turn both <c>-</c> and <c>_</c> into <c>_</c>, so
/// <c>X_Forwarded_For</c> reaches such a downstream as <c>HTTP_X_FORWARDED_FOR</c>, beside or instead of the one the
/// gateway wrote. The rule is every underscored name, not a list of forwarding headers: any header some proxy in front
/// of a downstream vouches for (<c>X-Real-IP</c>, <c>X-Remote-User</c>, <c>X-Client-Cert</c>, ...) can be forged this
/// way, and no list would be complete. Standard fields use hyphens only, and nginx (<c>underscores_in_headers off</c>)
/// and Apache httpd 2.4 (for CGI variables) already drop such headers by default, so applications do not rely on them.
/// Cost per request: one pass over the outgoing header names (no allocation unless one is found).
/// </remarks>
internal sealed class RequestHygieneTransform : RequestTransform
{
    public static RequestHygieneTransform Instance { get; } = new();

    public override ValueTask ApplyAsync(RequestTransformContext context)
    {
        var headers = context.ProxyRequest.Headers;
        headers.Remove("Authorization");
        RemoveUnderscoredNames(headers);

        var cookie = context.HttpContext.Request.Headers.Cookie;
        if (cookie.Count > 0)
        {
            var kept = CookieHeader.Without(cookie, SessionCookieNames.IsGatewayCookie);
            if (!ReferenceEquals(kept, cookie.Count == 1 ? cookie[0] : null))
            {
                headers.Remove("Cookie");
                if (kept is not null)
                {
                    headers.TryAddWithoutValidation("Cookie", kept);
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    private static void RemoveUnderscoredNames(HttpRequestHeaders headers)
    {
        List<string>? underscored = null;
        foreach (var header in headers.NonValidated)
        {
            if (header.Key.Contains('_', StringComparison.Ordinal))
            {
                (underscored ??= []).Add(header.Key);
            }
        }

        foreach (var name in underscored ?? [])
        {
            headers.Remove(name);
        }
    }
}
