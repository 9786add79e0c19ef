using System.Net;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Proxy;

/// <summary>
/// What crosses the gateway: a client cannot speak for the gateway to the downstream (forwarding headers,
/// Authorization, the gateway's cookies), and a downstream cannot set or delete the gateway's cookies.
/// </summary>
public sealed class HeaderHygieneTests : IAsyncLifetime
{
    private const string ClientIp = "203.0.113.9";

    private RecordingDownstream _downstream = null!;

    public async Task InitializeAsync() => _downstream = await RecordingDownstream.StartAsync();

    public async Task DisposeAsync() => await _downstream.DisposeAsync();

    // A downstream that trusts these for audit, rate limits or redirects must see the gateway's values, not the client's.
    [Theory]
    [InlineData("X-Forwarded-For", "10.6.6.6", ClientIp)]
    [InlineData("X-Forwarded-Host", "evil.example", "localhost")]
    [InlineData("X-Forwarded-Proto", "https", "http")]
    [InlineData("X-Forwarded-Prefix", "/admin", null)]
    [InlineData("Forwarded", "for=10.6.6.6;host=evil.example;proto=https", null)]
    public async Task ProtectedRoute_SpoofedForwardingHeader_DownstreamSeesTheGatewaysValue(string header, string spoofed, string? expected)
    {
        await using var gateway = new GatewayFactory(_downstream) { TestServices = ClientAddress.Register };
        using var browser = await gateway.SignedInBrowserAsync();

        await browser.GetAsync("/api/orders", request =>
        {
            ClientAddress.From(ClientIp)(request);
            request.Headers.TryAddWithoutValidation(header, spoofed);
        });

        Assert.Equal(expected, Assert.Single(_downstream.Received).Header(header));
    }

    [Fact]
    public async Task ProtectedRoute_TwoClientAuthorizationHeaders_DownstreamSeesOnlyTheGatewaysBearer()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();

        await browser.GetAsync("/api/orders", request =>
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer forged.one");
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer forged.two");
        });

        var received = Assert.Single(_downstream.Received);
        Assert.DoesNotContain("forged", received.Header("Authorization"), StringComparison.Ordinal);
        Assert.True((await Jwks.ValidateAsync(gateway, received.BearerToken!, "backend-api")).IsValid);
    }

    // Without a session, a client's own bearer must not be laundered through a public route.
    [Fact]
    public async Task AnonymousRoute_ClientBearerWithoutSession_IsNotForwarded()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = gateway.CreateBrowser();

        await browser.GetAsync("/public/info", request => request.Headers.TryAddWithoutValidation("Authorization", "Bearer eyJhbGciOiJub25lIn0.e30."));

        Assert.Null(Assert.Single(_downstream.Received).Header("Authorization"));
    }

    [Fact]
    public async Task ProtectedRoute_GatewayCookieSentTwiceAmongOthers_OnlyTheOthersAreForwarded()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();
        var access = browser.Cookies[gateway.AccessCookieName];
        var refresh = browser.Cookies[gateway.RefreshCookieName];
        browser.Cookies.Clear();

        await browser.GetAsync("/api/orders", request => request.Headers.TryAddWithoutValidation("Cookie",
            $"{gateway.AccessCookieName}={access}; theme=dark; {gateway.RefreshCookieName}={refresh}; {gateway.AccessCookieName}={access}; lang=fr"));

        Assert.Equal("theme=dark; lang=fr", Assert.Single(_downstream.Received).Header("Cookie"));
    }

    // HTTP/2 browsers may split cookies over several Cookie fields (RFC 9113 section 8.2.3).
    [Fact]
    public async Task ProtectedRoute_GatewayCookiesSplitOverTwoCookieHeaders_AreAllStripped()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();
        var access = browser.Cookies[gateway.AccessCookieName];
        var refresh = browser.Cookies[gateway.RefreshCookieName];
        browser.Cookies.Clear();

        await browser.GetAsync("/api/orders", request =>
        {
            request.Headers.TryAddWithoutValidation("Cookie", $"{gateway.AccessCookieName}={access}; theme=dark");
            request.Headers.TryAddWithoutValidation("Cookie", $"{gateway.RefreshCookieName}={refresh}; lang=fr");
        });

        var forwarded = Assert.Single(_downstream.Received).Header("Cookie");
        Assert.DoesNotContain("gw-", forwarded, StringComparison.Ordinal);
        Assert.Contains("theme=dark", forwarded, StringComparison.Ordinal);
        Assert.Contains("lang=fr", forwarded, StringComparison.Ordinal);
    }

    // The unprefixed spellings are the gateway's too (Gateway:Cookies:Secure=false): never forwarded, whatever the setting.
    [Fact]
    public async Task ProtectedRoute_UnprefixedGatewayCookieNames_AreStrippedToo()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();
        browser.Cookies["gw-access"] = "stolen-elsewhere";
        browser.Cookies["gw-refresh"] = "stolen-elsewhere";
        browser.Cookies["theme"] = "dark";

        await browser.GetAsync("/api/orders");

        Assert.Equal("theme=dark", Assert.Single(_downstream.Received).Header("Cookie"));
    }

    // Lenient cookie parsers trim names: " __Host-gw-refresh " would be the refresh cookie to them.
    [Fact]
    public async Task ProtectedRoute_GatewayCookieNamePaddedWithSpaces_IsStripped()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();
        var refresh = browser.Cookies[gateway.RefreshCookieName];

        await browser.GetAsync("/api/orders", request =>
        {
            request.Headers.Remove("Cookie");
            request.Headers.TryAddWithoutValidation("Cookie",
                $"{gateway.AccessCookieName}={browser.Cookies[gateway.AccessCookieName]}; theme=dark;  {gateway.RefreshCookieName}  ={refresh}");
        });

        Assert.Equal("theme=dark", Assert.Single(_downstream.Received).Header("Cookie"));
    }

    // __Host-gw-refresh is covered in Proxy/SessionTransformTests: a downstream must not set or delete any of them.
    [Theory]
    [InlineData("__Host-gw-access=evil; Path=/; Secure; HttpOnly")]
    [InlineData("gw-access=; Path=/; Max-Age=0")]
    [InlineData("gw-refresh=evil; Path=/")]
    public async Task ProtectedRoute_DownstreamSetCookieWithGatewayName_IsDroppedAndOthersPass(string setCookie)
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();
        _downstream.SetCookies.Add(setCookie);
        _downstream.SetCookies.Add("prefs=compact; Path=/");

        await browser.GetAsync("/api/orders");

        Assert.Equal(["prefs"], browser.LastSetCookies.Select(cookie => cookie.Name.ToString()));
    }

    [Fact]
    public async Task AnonymousRoute_DownstreamSetCookieWithGatewayName_IsDropped()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = gateway.CreateBrowser();
        _downstream.SetCookies.Add("__Host-gw-access=planted; Path=/; Secure; HttpOnly");

        var response = await browser.GetAsync("/public/info");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(browser.LastSetCookies);
    }
}
