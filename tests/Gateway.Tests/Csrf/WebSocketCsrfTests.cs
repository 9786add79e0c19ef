using System.Net;
using System.Net.WebSockets;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Csrf;

/// <summary>
/// Browsers cannot add <c>X-CSRF</c> to a WebSocket handshake, so on protected routes its <c>Origin</c> decides
/// (cross-site WebSocket hijacking). TestServer marks handshakes made with its WebSocket client as such; a real
/// browser's handshake is an HTTP/1.1 upgrade, which only Kestrel shows as it is, so both servers are tried.
/// </summary>
public sealed class WebSocketCsrfTests : IAsyncLifetime
{
    private RecordingDownstream _downstream = null!;

    public async Task InitializeAsync() => _downstream = await RecordingDownstream.StartAsync();

    public async Task DisposeAsync() => await _downstream.DisposeAsync();

    [Fact]
    public async Task WebSocket_WithoutOrigin_Answers403AndForwardsNothing()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();

        var status = await TestServerHandshakeAsync(gateway, browser, origin: null);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Empty(_downstream.Received);
    }

    [Fact]
    public async Task WebSocket_CrossSiteOrigin_Answers403AndForwardsNothing()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();

        var status = await TestServerHandshakeAsync(gateway, browser, "https://evil.example");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Empty(_downstream.Received);
    }

    // Control: the gateway's own origin (that of Gateway:Tokens:Issuer) passes without X-CSRF, with a bearer.
    [Fact]
    public async Task WebSocket_GatewaysOwnOrigin_IsForwardedWithBearer()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();

        await TestServerHandshakeAsync(gateway, browser, "http://localhost");

        Assert.NotNull(Assert.Single(_downstream.Received).BearerToken);
    }

    [Fact]
    public async Task WebSocket_OriginListedInAllowedOrigins_IsForwardedWithBearer()
    {
        await using var gateway = new GatewayFactory(_downstream, new() { ["Gateway:AllowedOrigins:0"] = "https://app.example" });
        using var browser = await gateway.SignedInBrowserAsync();

        await TestServerHandshakeAsync(gateway, browser, "https://app.example");

        Assert.NotNull(Assert.Single(_downstream.Received).BearerToken);
    }

    [Fact]
    public async Task WebSocketOnKestrel_CrossSiteOrigin_Answers403AndForwardsNothing()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await SignedInOnKestrelAsync(gateway);

        var status = await KestrelHandshakeAsync(gateway, browser, "https://evil.example");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Empty(_downstream.Received);
    }

    [Fact]
    public async Task WebSocketOnKestrel_GatewaysOwnOrigin_IsForwardedWithBearer()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await SignedInOnKestrelAsync(gateway);

        await KestrelHandshakeAsync(gateway, browser, "http://localhost");

        Assert.NotNull(Assert.Single(_downstream.Received).BearerToken);
    }

    /// <summary>
    /// The handshake's answer. TestServer's WebSocket client offers YARP no upgrade to forward, so a forwarded handshake
    /// ends with the recording downstream's plain 200 rather than a 101: what matters here is whether the gateway let it through.
    /// </summary>
    private static async Task<HttpStatusCode> TestServerHandshakeAsync(GatewayFactory gateway, BrowserClient browser, string? origin)
    {
        var client = gateway.Server.CreateWebSocketClient();
        client.ConfigureRequest = request =>
        {
            if (origin is not null)
            {
                request.Headers.Origin = origin;
            }

            request.Headers.Cookie = CookieHeaderOf(browser);
        };
        try
        {
            using var socket = await client.ConnectAsync(new Uri("ws://localhost/api/live"), CancellationToken.None);
            return HttpStatusCode.SwitchingProtocols;
        }
        catch (InvalidOperationException failed) when (failed.Message.StartsWith("Incomplete handshake, status code: ", StringComparison.Ordinal))
        {
            return (HttpStatusCode)int.Parse(failed.Message["Incomplete handshake, status code: ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private static async Task<HttpStatusCode> KestrelHandshakeAsync(GatewayFactory gateway, BrowserClient browser, string origin)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Origin", origin);
        socket.Options.SetRequestHeader("Cookie", CookieHeaderOf(browser));
        try
        {
            await socket.ConnectAsync(new Uri($"ws://{gateway.ClientOptions.BaseAddress.Authority}/api/live"), CancellationToken.None);
        }
        catch (WebSocketException)
        {
            // Not upgraded: the status code below says why.
        }

        return socket.HttpStatusCode;
    }

    private static async Task<BrowserClient> SignedInOnKestrelAsync(GatewayFactory gateway)
    {
        gateway.UseKestrel(0);
        gateway.StartServer();
        await gateway.CreateUserAsync("alice");
        var browser = new BrowserClient(new HttpClient { BaseAddress = gateway.ClientOptions.BaseAddress });
        (await browser.LoginAsync("alice", GatewayFactory.Password)).EnsureSuccessStatusCode();
        return browser;
    }

    private static string CookieHeaderOf(BrowserClient browser) => string.Join("; ", browser.Cookies.Select(cookie => $"{cookie.Key}={cookie.Value}"));
}
