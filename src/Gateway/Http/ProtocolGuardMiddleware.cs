using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Http;

/// <summary>
/// Refuses, on every path before anything else runs, what no part of the gateway serves and a downstream must never
/// see: <c>TRACE</c> (a downstream echoing it would hand the caller the bearer the gateway added) and <c>CONNECT</c>
/// (the gateway is no tunnel; only HTTP/2's extended CONNECT for a WebSocket, RFC 8441, passes), with 405; and a
/// request framed both by <c>Content-Length</c> and <c>Transfer-Encoding</c> (request smuggling, RFC 9112 section
/// 6.1), with 400 and the connection closed. On the hot path this costs a method comparison and a header-field probe.
/// </summary>
internal sealed class ProtocolGuardMiddleware(RequestDelegate next)
{
    /// <summary>The methods the gateway serves or forwards.</summary>
    public const string AllowedMethods = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

    private const string KestrelRenamedContentLength = "X-Content-Length";

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var method = request.Method;
        if (HttpMethods.IsTrace(method) || (HttpMethods.IsConnect(method) && !IsWebSocketConnect(context)))
        {
            return ProblemResults.WriteAsync(context,
                ProblemResults.MethodNotAllowed(context.Response, AllowedMethods, $"{method} is not served by the gateway."));
        }

        if (request.Headers.TransferEncoding.Count > 0 && HasContentLength(request.Headers))
        {
            // RFC 9112 section 6.1: the server must close the connection after answering such a request.
            context.Response.Headers.Connection = "close";
            return ProblemResults.WriteAsync(context,
                ProblemResults.InvalidRequest("A request must not carry both Content-Length and Transfer-Encoding."));
        }

        return next(context);
    }

    // Kestrel follows the chunked framing and hands the app the Content-Length renamed X-Content-Length (and closes the
    // connection after): either name means the client sent both.
    private static bool HasContentLength(IHeaderDictionary headers) =>
        headers.ContentLength is not null || headers.ContainsKey(KestrelRenamedContentLength);

    private static bool IsWebSocketConnect(HttpContext context) =>
        context.Features.Get<IHttpExtendedConnectFeature>() is { IsExtendedConnect: true } connect
        && string.Equals(connect.Protocol, "websocket", StringComparison.OrdinalIgnoreCase);
}
