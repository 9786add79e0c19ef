namespace Gateway.Hosting;

/// <summary>
/// Headers on what the gateway itself answers: nosniff everywhere; no-store on <c>/auth/*</c> so no cache keeps
/// a session body. Proxied responses keep the downstream's own headers.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/auth", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.OnStarting(static state =>
            {
                var headers = ((HttpResponse)state).Headers;
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
                return Task.CompletedTask;
            }, context.Response);
        }

        context.Response.OnStarting(static state =>
        {
            var headers = ((HttpResponse)state).Headers;
            if (!headers.ContainsKey("X-Content-Type-Options"))
            {
                headers.XContentTypeOptions = "nosniff";
            }

            return Task.CompletedTask;
        }, context.Response);
        return next(context);
    }
}
