using Gateway.Sessions.Connections;
using Gateway.Sessions.HotPath;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Transforms;

namespace Gateway.Proxy;

/// <summary>
/// Protected routes: when the downstream's answer turns out to be long-lived, registers it under its session so that
/// the session's end closes it. Long-lived: a WebSocket (the 101 of an upgrade, or an HTTP/2 extended CONNECT), a
/// server-sent event stream, or any answer streamed without a <c>Content-Length</c>. Runs when the answer's headers
/// arrive, before its body: an answer with a length costs two header reads and registers nothing.
/// </summary>
internal sealed class OpenConnectionTransform(OpenConnections connections) : ResponseTransform
{
    public override ValueTask ApplyAsync(ResponseTransformContext context)
    {
        var http = context.HttpContext;
        if (context.ProxyResponse is not null
            && IsLongLived(http.Request, http.Response)
            && http.Features.Get<VerifiedAccess>() is { } access)
        {
            connections.Register(http, access.Ticket.SessionId, access.Ticket.SessionExpiresAt);
        }

        return ValueTask.CompletedTask;
    }

    private static bool IsLongLived(HttpRequest request, HttpResponse response)
    {
        if (response.StatusCode == StatusCodes.Status101SwitchingProtocols)
        {
            return true;
        }

        if (response.ContentLength is not null)
        {
            return IsEventStream(response);
        }

        // No body to stream: HEAD, 204, 304.
        return !HttpMethods.IsHead(request.Method)
            && response.StatusCode is not (StatusCodes.Status204NoContent or StatusCodes.Status304NotModified);
    }

    private static bool IsEventStream(HttpResponse response) =>
        response.ContentType is { } type
        && MediaTypeHeaderValue.TryParse(type, out var media)
        && media.MediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase);
}
