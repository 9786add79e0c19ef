using Microsoft.AspNetCore.StaticFiles;

namespace Gateway.StaticApp;

/// <summary>
/// Headers on every file of the browser app. The policy keeps injected markup from running script or loading
/// anything from elsewhere; the app's own calls stay same-origin, where the session cookies and CSRF rules hold.
/// </summary>
internal static class StaticAppHeaders
{
    public static Action<StaticFileResponseContext> Apply(string contentSecurityPolicy) => file =>
    {
        var headers = file.Context.Response.Headers;
        headers.ContentSecurityPolicy = contentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";

        // For browsers that predate CSP's frame-ancestors.
        headers.XFrameOptions = "DENY";

        // File names carry no version: always revalidate (ETag, Last-Modified), so a new deployment shows at once.
        headers.CacheControl = "no-cache";
    };
}
