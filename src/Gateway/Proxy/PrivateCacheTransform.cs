using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Transforms;

namespace Gateway.Proxy;

/// <summary>
/// Protected routes answer per user, and a shared cache in front of the gateway (a CDN, a company proxy) sees one URL
/// for all users: the answer must never be stored there. So it always carries <c>private</c> (RFC 9111 section
/// 5.2.2.7) or <c>no-store</c>: <c>public</c>, <c>s-maxage</c> and a field-limited <c>private="..."</c> are dropped,
/// and an answer that says nothing becomes <c>private</c> (a shared cache may otherwise store a 200 heuristically,
/// section 4.2.2). The browser's own cache keeps the downstream's other rules. When the gateway sets refreshed
/// cookies, <c>SessionCookies</c> makes the answer <c>no-store</c> after this runs.
/// </summary>
internal sealed class PrivateCacheTransform : ResponseTransform
{
    private const string Private = "private";

    public static PrivateCacheTransform Instance { get; } = new();

    public override ValueTask ApplyAsync(ResponseTransformContext context)
    {
        // No downstream answer: the gateway's own problem, no-store already.
        if (context.ProxyResponse is not null)
        {
            var headers = context.HttpContext.Response.Headers;
            var rewritten = ForPerUserAnswer(headers.CacheControl);
            if (rewritten is not null)
            {
                headers.CacheControl = rewritten;
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The Cache-Control a per-user answer leaves with, or null when the downstream's already keeps shared caches out.</summary>
    public static string? ForPerUserAnswer(StringValues cacheControl)
    {
        if (StringValues.IsNullOrEmpty(cacheControl) || !CacheControlHeaderValue.TryParse(cacheControl.ToString(), out var parsed))
        {
            return Private;
        }

        var sharedCacheMayStore = parsed.Public || parsed.SharedMaxAge is not null || !(parsed.NoStore || parsed.Private && parsed.PrivateHeaders.Count == 0);
        if (!sharedCacheMayStore)
        {
            return null;
        }

        parsed.Public = false;
        parsed.SharedMaxAge = null;
        parsed.PrivateHeaders.Clear();
        parsed.Private = !parsed.NoStore;
        return parsed.ToString();
    }
}
