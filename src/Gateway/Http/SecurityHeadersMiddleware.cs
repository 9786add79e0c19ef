namespace Gateway.Http;

/// <summary>
/// Headers on what the gateway itself answers: nosniff everywhere; no-store on <c>/auth/*</c> so no cache keeps
/// a session body. Runs only for the gateway's own answers (see <see cref="HttpServiceCollectionExtensions"/>):
/// proxied responses are the downstream's and pass as they came; the gateway's own refusals on proxy routes get
/// nosniff from <see cref="ProblemResults.WriteAsync"/>.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var noStore = context.Request.Path.StartsWithSegments("/auth", StringComparison.OrdinalIgnoreCase);
        context.Response.OnStarting(static state =>
        {
            var (response, noStore) = ((HttpResponse, bool))state;
            var headers = response.Headers;
            headers.XContentTypeOptions = "nosniff";
            if (noStore)
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }

            return Task.CompletedTask;
        }, (context.Response, noStore));
        return next(context);
    }
}
