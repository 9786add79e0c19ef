using System.Net;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Csrf;

/// <summary>
/// Requests a browser sends on another site's behalf: without <c>X-CSRF: 1</c>, with a foreign <c>Origin</c>, or
/// flagged cross-site by <c>Sec-Fetch-Site</c>. Each is refused with 403 and changes nothing; the controls at the
/// end show the same requests pass once the one flaw is removed. The <c>/auth</c> endpoints are in <see cref="AuthCsrfTests"/>,
/// WebSocket handshakes in <see cref="WebSocketCsrfTests"/>.
/// </summary>
public sealed class CsrfTests : IAsyncLifetime
{
    private RecordingDownstream _downstream = null!;

    public async Task InitializeAsync() => _downstream = await RecordingDownstream.StartAsync();

    public async Task DisposeAsync() => await _downstream.DisposeAsync();

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task ProtectedRoute_MissingCsrfHeader_Answers403AndForwardsNothing(string method)
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();
        browser.SendCsrfHeader = false;

        var response = await browser.SendAsync(new HttpMethod(method), "/api/orders/1", null, null);

        await ProblemAssert.IsAsync(response, HttpStatusCode.Forbidden, "csrf");
        Assert.Empty(_downstream.Received);
    }

    // Only the exact value passes: a lenient check ("present", "truthy") is what attackers probe for.
    [Theory]
    [InlineData("0")]
    [InlineData("true")]
    [InlineData("01")]
    public async Task ProtectedRoute_CsrfHeaderWithAnotherValue_Answers403AndForwardsNothing(string value)
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();
        browser.SendCsrfHeader = false;

        var response = await browser.PostAsync("/api/orders", new { item = 1 }, request => request.Headers.TryAddWithoutValidation("X-CSRF", value));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(_downstream.Received);
    }

    // The gateway's origin is http://localhost (Issuer and Host): each row is another origin, or none ("null"
    // comes from sandboxed frames and data: URLs), that a lax comparison would take for it.
    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("null")]
    [InlineData("http://localhost.evil.example")]
    [InlineData("http://localhost:8080")]
    [InlineData("https://localhost")]
    public async Task ProtectedRoute_ForeignOriginEvenWithCsrfHeader_Answers403AndForwardsNothing(string origin)
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();

        var response = await browser.PostAsync("/api/orders", new { item = 1 }, request => request.Headers.TryAddWithoutValidation("Origin", origin));

        await ProblemAssert.IsAsync(response, HttpStatusCode.Forbidden, "csrf");
        Assert.Empty(_downstream.Received);
    }

    [Fact]
    public async Task ProtectedRoute_SecFetchSiteCrossSiteEvenWithCsrfHeader_Answers403AndForwardsNothing()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();

        var response = await browser.GetAsync("/api/orders", request => request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "cross-site"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(_downstream.Received);
    }

    // A sibling subdomain (same site, other origin) that sent no Origin to be judged by.
    [Fact]
    public async Task ProtectedRoute_SecFetchSiteSameSiteWithoutOrigin_Answers403AndForwardsNothing()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();

        var response = await browser.GetAsync("/api/orders", request => request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "same-site"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(_downstream.Received);
    }

    // Control for the rows above: the gateway's own origin as a browser really sends it passes.
    [Fact]
    public async Task ProtectedRoute_SameOriginAsBrowsersSendIt_IsForwarded()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();

        var response = await browser.PostAsync("/api/orders", new { item = 1 }, request =>
        {
            request.Headers.TryAddWithoutValidation("Origin", "http://localhost");
            request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "same-origin");
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(_downstream.Received);
    }

    [Fact]
    public async Task ProtectedRoute_OriginListedInAllowedOrigins_IsForwarded()
    {
        await using var gateway = new GatewayFactory(_downstream, new() { ["Gateway:AllowedOrigins:0"] = "http://localhost:5173" });
        using var browser = await gateway.SignedInBrowserAsync();

        var response = await browser.PostAsync("/api/orders", new { item = 1 }, request =>
        {
            request.Headers.TryAddWithoutValidation("Origin", "http://localhost:5173");
            request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "same-site");
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(_downstream.Received);
    }

    [Fact]
    public async Task OptionalHeaderRoute_GetWithoutCsrfHeader_IsForwarded()
    {
        await using var gateway = new GatewayFactory(_downstream, OptionalHeaderRoute());
        using var browser = await gateway.SignedInBrowserAsync();
        browser.SendCsrfHeader = false;

        var response = await browser.GetAsync("/files/report.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(_downstream.Received);
    }

    [Fact]
    public async Task OptionalHeaderRoute_PostWithoutCsrfHeader_Answers403AndForwardsNothing()
    {
        await using var gateway = new GatewayFactory(_downstream, OptionalHeaderRoute());
        using var browser = await gateway.SignedInBrowserAsync();
        browser.SendCsrfHeader = false;

        var response = await browser.PostAsync("/files/report.pdf", new { delete = true });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(_downstream.Received);
    }

    [Fact]
    public async Task OptionalHeaderRoute_GetWithCrossSiteOrigin_Answers403AndForwardsNothing()
    {
        await using var gateway = new GatewayFactory(_downstream, OptionalHeaderRoute());
        using var browser = await gateway.SignedInBrowserAsync();
        browser.SendCsrfHeader = false;

        var response = await browser.GetAsync("/files/report.pdf", request => request.Headers.TryAddWithoutValidation("Origin", "https://evil.example"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(_downstream.Received);
    }

    private static Dictionary<string, string?> OptionalHeaderRoute() => new()
    {
        ["ReverseProxy:Routes:files:ClusterId"] = "backend",
        ["ReverseProxy:Routes:files:Match:Path"] = "/files/{**rest}",
        ["ReverseProxy:Routes:files:Metadata:CsrfHeader"] = "Optional",
    };
}
