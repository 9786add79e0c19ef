using System.Net;
using System.Text.Json;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.StaticApp;

/// <summary>
/// An app folder holding files named like the gateway's endpoints and API routes: the endpoints and routes still
/// answer, and the downstream still gets what it got before. Proxied answers keep the downstream's headers only.
/// </summary>
public sealed class StaticAppShadowingTests : IAsyncLifetime
{
    private const string Impostor = "impostor file from the app folder";

    private RecordingDownstream _downstream = null!;
    private AppFolder _app = null!;

    public async Task InitializeAsync()
    {
        _downstream = await RecordingDownstream.StartAsync();
        _app = new AppFolder(
            ("index.html", "<h1>my app</h1>"),
            ("auth/session", Impostor),
            ("healthz", Impostor),
            ("readyz", Impostor),
            ("api/orders", Impostor),
            ("api/orders.json", Impostor),
            ("public/info", Impostor));
    }

    public async Task DisposeAsync()
    {
        _app.Dispose();
        await _downstream.DisposeAsync();
    }

    [Theory]
    [InlineData("/auth/session", HttpStatusCode.OK)]
    [InlineData("/healthz", HttpStatusCode.OK)]
    [InlineData("/readyz", HttpStatusCode.OK)]
    [InlineData("/.well-known/jwks.json", HttpStatusCode.OK)]
    public async Task GatewayEndpoint_SameNamedFileInTheApp_EndpointAnswers(string path, HttpStatusCode status)
    {
        await using var gateway = new GatewayFactory(_downstream, _app.Settings);
        using var browser = await gateway.SignedInBrowserAsync();

        var response = await browser.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.DoesNotContain(Impostor, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthEndpoint_WithAnAppServed_KeepsNoStoreAndNosniff()
    {
        await using var gateway = new GatewayFactory(_downstream, _app.Settings);
        using var browser = await gateway.SignedInBrowserAsync();

        var response = await browser.GetAsync("/auth/session");

        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Theory]
    [InlineData("/api/orders")]
    [InlineData("/api/orders.json")]
    [InlineData("/public/info")]
    public async Task ProxyRoute_SameNamedFileInTheApp_ForwardedWithoutTheAppsHeaders(string path)
    {
        await using var gateway = new GatewayFactory(_downstream, _app.Settings);
        using var browser = await gateway.SignedInBrowserAsync();

        var response = await browser.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.ReadJsonAsync<JsonElement>()).GetProperty("ok").GetBoolean());
        Assert.Equal(path, Assert.Single(_downstream.Received).PathAndQuery);
        Assert.False(response.Headers.Contains("Content-Security-Policy"));
        Assert.False(response.Headers.Contains("X-Content-Type-Options"));
    }

    [Fact]
    public async Task ProtectedRoute_SameNamedFileWithoutSession_Answers401AndServesNothing()
    {
        await using var gateway = new GatewayFactory(_downstream, _app.Settings);
        using var browser = gateway.CreateBrowser();

        var response = await browser.GetAsync("/api/orders");

        await ProblemAssert.IsAsync(response, HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Empty(_downstream.Received);
    }

    // The documented dev-server set-up (docs/browser-apps.md): an anonymous catch-all route to the dev server.
    [Fact]
    public async Task DevServerRoute_AnonymousCatchAll_ForwardsThePageAndLeavesApiAndAuthAlone()
    {
        await using var gateway = new GatewayFactory(_downstream, new Dictionary<string, string?>(_app.Settings)
        {
            ["ReverseProxy:Routes:dev-server:ClusterId"] = "backend",
            ["ReverseProxy:Routes:dev-server:AuthorizationPolicy"] = "anonymous",
            ["ReverseProxy:Routes:dev-server:Match:Path"] = "/{**catch-all}",
        });
        using var browser = gateway.CreateBrowser();

        var page = await browser.GetAsync("/src/main.ts");
        var session = await browser.GetAsync("/auth/session");
        var api = await browser.GetAsync("/api/orders");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var forwarded = Assert.Single(_downstream.Received);
        Assert.Equal("/src/main.ts", forwarded.PathAndQuery);
        Assert.Null(forwarded.Header("Authorization"));
        await ProblemAssert.IsAsync(session, HttpStatusCode.Unauthorized, "unauthenticated");
        await ProblemAssert.IsAsync(api, HttpStatusCode.Unauthorized, "unauthenticated");
    }
}
