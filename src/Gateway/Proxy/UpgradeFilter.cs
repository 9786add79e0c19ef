using Microsoft.Net.Http.Headers;

namespace Gateway.Proxy;

/// <summary>
/// Only WebSocket upgrades are forwarded. YARP would tunnel <c>Upgrade: SPDY/x</c> too (kubectl exec's protocol): a
/// raw byte stream to the downstream past every HTTP rule of the gateway. Any other <c>Upgrade</c> (<c>h2c</c>, SPDY,
/// a list) is ignored, as RFC 9110 section 7.8 lets a server do: the header is removed before YARP reads it, and
/// the downstream gets an ordinary request (curl's <c>--http2</c> over plain HTTP still works, in HTTP/1.1).
/// Refusing with 400 would break such clients for nothing. On the hot path: one header-field probe.
/// </summary>
internal static class UpgradeFilter
{
    private const string WebSocket = "websocket";

    public static Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var headers = context.Request.Headers;
        var upgrade = headers.Upgrade;
        if (upgrade.Count > 0 && !(upgrade.Count == 1 && string.Equals(upgrade[0], WebSocket, StringComparison.OrdinalIgnoreCase)))
        {
            headers.Remove(HeaderNames.Upgrade);
        }

        return next(context);
    }
}
