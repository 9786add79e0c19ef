using System.Net.WebSockets;
using System.Text;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// WebSockets and event streams through a gateway on Kestrel, as a browser opens them: a WebSocket handshake is an
/// HTTP/1.1 upgrade, which only a real server shows as it is. Every wait is bounded.
/// </summary>
internal static class LiveConnections
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    /// <summary>Starts <paramref name="gateway"/> on Kestrel and signs a new user in there.</summary>
    public static async Task<BrowserClient> SignedInOnKestrelAsync(GatewayFactory gateway, string name = "alice")
    {
        gateway.UseKestrel(0);
        gateway.StartServer();
        await gateway.CreateUserAsync(name);
        var browser = new BrowserClient(new HttpClient { BaseAddress = gateway.ClientOptions.BaseAddress });
        (await browser.LoginAsync(name, GatewayFactory.Password)).EnsureSuccessStatusCode();
        return browser;
    }

    /// <summary>Another browser (another device) of the same user, signed in on the same gateway.</summary>
    public static async Task<BrowserClient> SecondDeviceAsync(GatewayFactory gateway, string name = "alice")
    {
        var browser = new BrowserClient(new HttpClient { BaseAddress = gateway.ClientOptions.BaseAddress });
        (await browser.LoginAsync(name, GatewayFactory.Password)).EnsureSuccessStatusCode();
        return browser;
    }

    /// <summary>A WebSocket to <paramref name="path"/> with the browser's cookies and the gateway's own origin, echoing.</summary>
    public static async Task<ClientWebSocket> OpenWebSocketAsync(Uri gatewayAddress, BrowserClient browser, string path = "/api/live",
        string origin = "http://localhost")
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", origin);
        socket.Options.SetRequestHeader("Cookie", string.Join("; ", browser.Cookies.Select(cookie => $"{cookie.Key}={cookie.Value}")));
        using var timeout = new CancellationTokenSource(Bound);
        await socket.ConnectAsync(new Uri($"ws://{gatewayAddress.Authority}{path}"), timeout.Token);
        if (!await EchoesAsync(socket))
        {
            throw new InvalidOperationException("The WebSocket opened but does not echo.");
        }

        return socket;
    }

    /// <summary>True when a message sent comes back; false when the connection is closed (or nothing came back in time).</summary>
    public static async Task<bool> EchoesAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(Bound);
        try
        {
            var message = Encoding.UTF8.GetBytes($"ping {Guid.NewGuid():N}");
            await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
            var buffer = new byte[256];
            var received = await socket.ReceiveAsync(buffer, timeout.Token);
            return received.MessageType != WebSocketMessageType.Close && buffer.AsSpan(0, received.Count).SequenceEqual(message);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or IOException)
        {
            return false;
        }
    }

    /// <summary>Waits until the gateway has closed the socket: a receive that ends in an error or a close, never data.</summary>
    public static async Task<bool> ClosedAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(Bound);
        try
        {
            var received = await socket.ReceiveAsync(new byte[256], timeout.Token);
            return received.MessageType == WebSocketMessageType.Close;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (Exception exception) when (exception is WebSocketException or IOException)
        {
            return true;
        }
    }

    /// <summary>An event stream opened by <paramref name="browser"/>, its first event read.</summary>
    public static async Task<EventStream> OpenEventStreamAsync(BrowserClient browser, string path = "/api/feed/events")
    {
        using var timeout = new CancellationTokenSource(Bound);
        var response = await browser.SendAsync(HttpMethod.Get, path, null, request =>
            request.Headers.Accept.ParseAdd("text/event-stream"), HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsStreamAsync(timeout.Token);
        var first = new byte[64];
        var read = await body.ReadAsync(first, timeout.Token);
        if (read == 0)
        {
            throw new InvalidOperationException("The event stream ended before its first event.");
        }

        return new EventStream(response, body);
    }
}

internal sealed class EventStream(HttpResponseMessage response, Stream body) : IDisposable
{
    /// <summary>Waits until the stream ends, by an error or the end of the body: closed by the gateway.</summary>
    public async Task<bool> ClosedAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            var buffer = new byte[256];
            while (await body.ReadAsync(buffer, timeout.Token) > 0)
            {
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            return true;
        }
    }

    public void Dispose()
    {
        body.Dispose();
        response.Dispose();
    }
}
