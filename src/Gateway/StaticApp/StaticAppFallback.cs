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

    /// <summary>A GET for a path without a file extension that named no file gets <c>index.html</c>.</summary>
    public static Task RewriteToIndex(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && !Path.HasExtension(request.Path.Value))
        {
            request.Path = "/index.html";
        }

        return next(context);
    }
}
