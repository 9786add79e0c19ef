using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Csrf;

/// <summary>
/// Whether a request opens a WebSocket, read from the request itself. <c>HttpContext.WebSockets</c> only knows
/// once the WebSockets middleware runs, and the gateway forwards upgrades through YARP without it.
/// </summary>
internal static class WebSocketUpgrade
{
    public static bool IsRequested(HttpRequest request)
    {
        // HTTP/2 and HTTP/3 open WebSockets with an extended CONNECT (RFC 8441, RFC 9220).
        if (request.HttpContext.Features.Get<IHttpExtendedConnectFeature>() is { IsExtendedConnect: true } connect)
        {
            return string.Equals(connect.Protocol, "websocket", StringComparison.OrdinalIgnoreCase);
        }

        // HTTP/1.1: Upgrade: websocket (RFC 6455 section 4.1).
        foreach (var value in request.Headers.Upgrade)
        {
            if (value is not null && value.Contains("websocket", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
