using System.Net;
using System.Net.Sockets;
using Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Proxy;

/// <summary>
/// A downstream that is down, slow or failing: the gateway says so itself (502/504 problem+json), passes the
/// downstream's own answers through untouched, and never loses a rotation it made on the way.
/// </summary>
public sealed class DownstreamFaultTests : IAsyncLifetime
{
    private RecordingDownstream _downstream = null!;

    public async Task InitializeAsync() => _downstream = await RecordingDownstream.StartAsync();

    public async Task DisposeAsync() => await _downstream.DisposeAsync();

    [Fact]
    public async Task ProtectedRoute_DownstreamNotListening_Answers502Problem()
    {
        await using var gateway = new GatewayFactory(settings: ApiRouteTo(ClosedPortAddress()));
        using var browser = await gateway.SignedInBrowserAsync();

        var response = await browser.GetAsync("/api/orders");

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadGateway, "downstream-unavailable");
    }

    // A real, bounded delay inside the downstream; the gateway gives up after 200 ms of silence.
    [Fact]
    public async Task ProtectedRoute_DownstreamSilentPastActivityTimeout_Answers504Problem()
    {
        await using var gateway = new GatewayFactory(_downstream, new() { ["ReverseProxy:Clusters:backend:HttpRequest:ActivityTimeout"] = "00:00:00.200" });
        using var browser = await gateway.SignedInBrowserAsync();
        _downstream.Delay = TimeSpan.FromSeconds(2);

        var response = await browser.GetAsync("/api/orders");

        await ProblemAssert.IsAsync(response, HttpStatusCode.GatewayTimeout, "downstream-timeout");
    }

    // The downstream's own error is its to describe: not rewritten into a gateway problem.
    [Fact]
    public async Task ProtectedRoute_DownstreamsOwn500_PassesThroughUnchanged()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();
        _downstream.StatusCode = StatusCodes.Status500InternalServerError;

        var response = await browser.GetAsync("/api/orders");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{\"ok\":true}", await response.Content.ReadAsStringAsync());
    }

    // A downstream's 401 is about its own rules, not the gateway session: it must not log the user out.
    [Fact]
    public async Task ProtectedRoute_DownstreamsOwn401_PassesThroughAndTheSessionLives()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();
        _downstream.StatusCode = StatusCodes.Status401Unauthorized;

        var response = await browser.GetAsync("/api/orders");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(browser.LastSetCookies);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/auth/session")).StatusCode);
    }

    // The refresh token was consumed on the way: the browser must get its successor even though the answer is a 502.
    [Fact]
    public async Task ProtectedRoute_RefreshedThenDownstreamNotListening_502CarriesTheNewCookies()
    {
        await using var gateway = new GatewayFactory(settings: ApiRouteTo(ClosedPortAddress()));
        using var browser = await gateway.SignedInBrowserAsync();
        var consumed = browser.Cookies[gateway.RefreshCookieName];
        gateway.Clock.Advance(TimeSpan.FromMinutes(6));

        var response = await browser.GetAsync("/api/orders");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal([gateway.AccessCookieName, gateway.RefreshCookieName], browser.LastSetCookies.Select(cookie => cookie.Name.ToString()).Order());
        Assert.NotEqual(consumed, browser.Cookies[gateway.RefreshCookieName]);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/auth/session")).StatusCode);
    }

    private static Dictionary<string, string?> ApiRouteTo(string address) => new()
    {
        ["ReverseProxy:Routes:api:ClusterId"] = "backend",
        ["ReverseProxy:Routes:api:Match:Path"] = "/api/{**rest}",
        ["ReverseProxy:Clusters:backend:Destinations:d1:Address"] = address,
    };

    /// <summary>A loopback port that was just free: connecting to it is refused at once.</summary>
    private static string ClosedPortAddress()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}/";
    }
}
