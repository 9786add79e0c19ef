namespace Gateway.StaticApp;

/// <summary>Which requests the browser app may answer, and the rewrite that lets it route on the client.</summary>
internal static class StaticAppFallback
{
    // The gateway's own path spaces: an unknown path there is a 404 problem, never a file or the app's page.
    private static readonly PathString[] GatewayPaths = ["/auth", "/.well-known", "/_gateway"];

    /// <summary>
    /// Routing has already run: a request that matched any endpoint or proxy route (or matched one's path with the
    /// wrong method, a 405) carries that endpoint and is not the app's.
    /// </summary>
    public static bool IsForTheApp(HttpContext context) =>
        context.GetEndpoint() is null
        && !Array.Exists(GatewayPaths, prefix => context.Request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// <c>/</c>, and a browser's navigation (a GET that accepts HTML) to a path without a file extension that named no
    /// file, get <c>index.html</c>, so the app can route on the client. An API call to a path no route matches
    /// (<c>fetch</c>, curl: no <c>text/html</c> in <c>Accept</c>) is a 404, not the app's page with 200: a route that is
    /// missing (a typo, a refused config reload) fails loudly instead of answering HTML to a JSON client.
    /// </summary>
    public static Task RewriteToIndex(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && !Path.HasExtension(request.Path.Value)
            && (request.Path == "/" || AcceptsHtml(request)))
        {
            request.Path = "/index.html";
        }

        return next(context);
    }

    private static bool AcceptsHtml(HttpRequest request)
    {
        foreach (var accept in request.Headers.Accept)
        {
            if (accept is not null && accept.Contains("text/html", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
