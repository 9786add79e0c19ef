using Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Proxy;

/// <summary>
/// What a client can make the gateway do with a downstream, spoken byte for byte to the gateway on Kestrel: no
/// TRACE or CONNECT reaches one (a downstream echoing a TRACE would hand the caller the gateway's bearer), no
/// protocol but WebSocket is tunneled, no header impersonates a forwarding header with underscores, and no answer
/// names the server software.
/// </summary>
public sealed class ProxyHygieneTests : IAsyncLifetime
{
    private RecordingDownstream _downstream = null!;

    public async Task InitializeAsync() => _downstream = await RecordingDownstream.StartAsync();

    public async Task DisposeAsync() => await _downstream.DisposeAsync();

    [Theory]
    [InlineData("/api/echo")]
    [InlineData("/public/echo")]
    [InlineData("/auth/session")]
    [InlineData("/")]
    public async Task Trace_AnyPath_Answers405AndReachesNoDownstream(string path)
    {
        await using var gateway = OnKestrel();
        var cookies = await SignInAsync(gateway);

        var response = await RawHttp.SendAsync(gateway.ClientOptions.BaseAddress,
            $"TRACE {path} HTTP/1.1\r\nHost: localhost\r\nX-CSRF: 1\r\nCookie: {cookies}\r\n\r\n");

        Assert.Equal(StatusCodes.Status405MethodNotAllowed, response.Status);
        Assert.Contains("urn:gateway:problem:method-not-allowed", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("TRACE", response.Header("Allow") ?? "TRACE", StringComparison.Ordinal);
        Assert.Empty(_downstream.Received);
    }

    // HTTP/1.1 CONNECT names an authority, not a path (RFC 9110 section 9.3.6); the gateway is no tunnel either way.
    [Theory]
    [InlineData("CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n")]
    [InlineData("CONNECT localhost:80 HTTP/1.1\r\nHost: localhost:80\r\n\r\n")]
    public async Task Connect_AnyAuthority_Answers405AndReachesNoDownstream(string request)
    {
        await using var gateway = OnKestrel();

        var response = await RawHttp.SendAsync(gateway.ClientOptions.BaseAddress, request);

        Assert.Equal(StatusCodes.Status405MethodNotAllowed, response.Status);
        Assert.Empty(_downstream.Received);
    }

    // RFC 9110 section 7.8: a server may ignore Upgrade. The downstream gets an ordinary request, never a tunnel.
    [Theory]
    [InlineData("/public/exec", "SPDY/3.1")]
    [InlineData("/public/exec", "h2c")]
    [InlineData("/public/exec", "websocket, SPDY/3.1")]
    [InlineData("/api/exec", "SPDY/3.1")]
    public async Task Upgrade_OtherThanWebSocket_IsNotForwarded(string path, string protocol)
    {
        await using var gateway = OnKestrel();
        var cookies = await SignInAsync(gateway);

        var response = await RawHttp.SendAsync(gateway.ClientOptions.BaseAddress,
            $"GET {path} HTTP/1.1\r\nHost: localhost\r\nX-CSRF: 1\r\nOrigin: http://localhost\r\nCookie: {cookies}\r\n" +
            $"Connection: Upgrade\r\nUpgrade: {protocol}\r\nHTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\n\r\n");

        Assert.Equal(StatusCodes.Status200OK, response.Status);
        var received = Assert.Single(_downstream.Received);
        Assert.Null(received.Header("Upgrade"));
        Assert.DoesNotContain("upgrade", received.Header("Connection") ?? "", StringComparison.OrdinalIgnoreCase);
    }

    // Control: a WebSocket handshake is still forwarded as one (Csrf/WebSocketCsrfTests covers who may make it).
    [Fact]
    public async Task Upgrade_WebSocket_IsForwardedAsAnUpgrade()
    {
        await using var gateway = OnKestrel();

        await RawHttp.SendAsync(gateway.ClientOptions.BaseAddress,
            "GET /public/live HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n" +
            "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");

        Assert.Equal("websocket", Assert.Single(_downstream.Received).Header("Upgrade"));
    }

    // CGI-style stacks (PHP, Python WSGI, Ruby Rack) read X_Forwarded_For and X-Forwarded-For alike as HTTP_X_FORWARDED_FOR.
    [Theory]
    [InlineData("/api/orders", "X_Forwarded_For", "10.6.6.6")]
    [InlineData("/api/orders", "X_Forwarded_Host", "evil.example")]
    [InlineData("/api/orders", "X_Forwarded_Proto", "https")]
    [InlineData("/api/orders", "X_Real_IP", "10.6.6.6")]
    [InlineData("/api/orders", "X-Forwarded_For", "10.6.6.6")]
    [InlineData("/api/orders", "X_Remote_User", "admin")]
    [InlineData("/public/info", "X_Forwarded_For", "10.6.6.6")]
    public async Task UnderscoredHeader_ImpersonatingAProxyHeader_IsDroppedBeforeTheDownstream(string path, string header, string value)
    {
        await using var gateway = OnKestrel();
        var cookies = await SignInAsync(gateway);

        var response = await RawHttp.SendAsync(gateway.ClientOptions.BaseAddress,
            $"GET {path} HTTP/1.1\r\nHost: localhost\r\nX-CSRF: 1\r\nCookie: {cookies}\r\n{header}: {value}\r\nX-Trace-Note: kept\r\n\r\n");

        Assert.Equal(StatusCodes.Status200OK, response.Status);
        var received = Assert.Single(_downstream.Received);
        Assert.DoesNotContain(received.Headers.Keys, name => name.Contains('_', StringComparison.Ordinal));
        Assert.Equal("kept", received.Header("X-Trace-Note"));
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/auth/session")]
    [InlineData("/public/info")]
    [InlineData("/api/orders")]
    [InlineData("/no-such-file.txt")]
    public async Task AnyAnswer_OwnOrProxied_HasNoServerHeader(string path)
    {
        _downstream.ResponseHeaders["Server"] = "downstream-httpd/2.4.1";
        await using var gateway = OnKestrel();
        var cookies = await SignInAsync(gateway);

        var response = await RawHttp.SendAsync(gateway.ClientOptions.BaseAddress,
            $"GET {path} HTTP/1.1\r\nHost: localhost\r\nX-CSRF: 1\r\nCookie: {cookies}\r\nConnection: close\r\n\r\n");

        Assert.Null(response.Header("Server"));
    }

    private GatewayFactory OnKestrel()
    {
        var gateway = new GatewayFactory(_downstream);
        gateway.UseKestrel(0);
        gateway.StartServer();
        return gateway;
    }

    private static async Task<string> SignInAsync(GatewayFactory gateway)
    {
        await gateway.CreateUserAsync("alice");
        using var browser = new BrowserClient(new HttpClient { BaseAddress = gateway.ClientOptions.BaseAddress });
        (await browser.LoginAsync("alice", GatewayFactory.Password)).EnsureSuccessStatusCode();
        return string.Join("; ", browser.Cookies.Select(cookie => $"{cookie.Key}={cookie.Value}"));
    }
}
