using Gateway.Sessions;
using Yarp.ReverseProxy.Transforms;

namespace Gateway.Proxy;

/// <summary>
/// On every route: the client's <c>Authorization</c> never reaches the downstream (a protected route sets the
/// gateway's own after this), nor do the gateway's cookies; other cookies pass as they came.
/// </summary>
internal sealed class RequestHygieneTransform : RequestTransform
{
    public static RequestHygieneTransform Instance { get; } = new();

    public override ValueTask ApplyAsync(RequestTransformContext context)
    {
        var headers = context.ProxyRequest.Headers;
        headers.Remove("Authorization");

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
}
