using System.Net;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Gateway.Tests.Proxy;

public sealed class SessionTransformTests : IAsyncLifetime
{
    private RecordingDownstream _downstream = null!;

    public async Task InitializeAsync() => _downstream = await RecordingDownstream.StartAsync();

    public async Task DisposeAsync() => await _downstream.DisposeAsync();

    [Fact]
    public async Task ProtectedRoute_LiveSession_ForwardsBearerThatValidatesAgainstJwks()
    {
        await using var gateway = new GatewayFactory(_downstream);
        var alice = await gateway.CreateUserAsync("alice", GatewayFactory.Password, "admin");
        using var browser = gateway.CreateBrowser();
        var login = await (await browser.LoginAsync("alice", GatewayFactory.Password)).ReadJsonAsync<System.Text.Json.JsonElement>();

        var response = await browser.GetAsync("/api/orders?page=2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = Assert.Single(_downstream.Received);
        Assert.Equal("/api/orders?page=2", received.PathAndQuery);
        var validation = await Jwks.ValidateAsync(gateway, received.BearerToken!, "backend-api");
        Assert.True(validation.IsValid, validation.Exception?.Message);
        var token = (JsonWebToken)validation.SecurityToken;
        Assert.Equal("at+jwt", token.Typ);
        Assert.Equal("RS256", token.Alg);
        Assert.Equal("http://localhost", token.Issuer);
        Assert.Equal(["backend-api"], token.Audiences);
        Assert.Equal(alice.Id, token.Subject);
        Assert.Equal(login.GetProperty("sessionId").GetString(), token.GetClaim("sid").Value);
        Assert.Equal("alice", token.GetClaim("name").Value);
        Assert.Equal("admin", token.GetClaim("role").Value);
        Assert.False(string.IsNullOrEmpty(token.Id));
    }

    [Fact]
    public async Task ProtectedRoute_LiveSession_SendsNoDatabaseCommand()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();
        await browser.GetAsync("/api/first");
        var database = gateway.Services.GetRequiredService<Gateway.Storage.GatewayDatabase>();
        var before = database.CommandsExecuted;

        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/api/orders/{i}")).StatusCode);
        }

        Assert.Equal(before, database.CommandsExecuted);
    }

    [Fact]
    public async Task ProtectedRoute_ExpiredAccessToken_RefreshCostsTwoDatabaseCommands()
    {
        // Background loops (revocation poll, key ring reload) also query the database: keep them out of the count.
        await using var gateway = new GatewayFactory(_downstream, new()
        {
            ["Gateway:Sessions:RevocationPollInterval"] = "01:00:00",
            ["Gateway:Tokens:KeyRingRefreshInterval"] = "01:00:00",
        });
        using var browser = await gateway.SignedInBrowserAsync();
        var database = gateway.Services.GetRequiredService<Gateway.Storage.GatewayDatabase>();
        gateway.Clock.Advance(TimeSpan.FromMinutes(6));
        var before = database.CommandsExecuted;

        await browser.GetAsync("/api/orders");

        // One read decides, one write (update + insert + touch in one command) rotates.
        Assert.Equal(2, database.CommandsExecuted - before);
    }

    [Fact]
    public async Task ProtectedRoute_ClusterWithoutAudience_UsesConfiguredDefaultAudience()
    {
        await using var gateway = new GatewayFactory(_downstream, new()
        {
            ["ReverseProxy:Routes:plain:ClusterId"] = "plain",
            ["ReverseProxy:Routes:plain:Match:Path"] = "/plain/{**rest}",
            ["ReverseProxy:Clusters:plain:Destinations:d1:Address"] = _downstream.Address,
            ["Gateway:Tokens:Audience"] = "default-api",
        });
        using var browser = await gateway.SignedInBrowserAsync();

        await browser.GetAsync("/plain/me");

        var validation = await Jwks.ValidateAsync(gateway, Assert.Single(_downstream.Received).BearerToken!, "default-api");
        Assert.True(validation.IsValid, validation.Exception?.Message);
    }

    [Fact]
    public async Task ProtectedRoute_DownstreamSeesNeitherGatewayCookiesNorClientAuthorization()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();
        browser.Cookies["theme"] = "dark";

        await browser.GetAsync("/api/me", request => request.Headers.TryAddWithoutValidation("Authorization", "Bearer forged.by.client"));

        var received = Assert.Single(_downstream.Received);
        Assert.Equal("theme=dark", received.Header("Cookie"));
        Assert.NotEqual("forged.by.client", received.BearerToken);
        Assert.True((await Jwks.ValidateAsync(gateway, received.BearerToken!, "backend-api")).IsValid);
    }

    [Fact]
    public async Task ProtectedRoute_OnlyGatewayCookies_ForwardsNoCookieHeader()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();

        await browser.GetAsync("/api/me");

        Assert.Null(Assert.Single(_downstream.Received).Header("Cookie"));
    }

    [Fact]
    public async Task ProtectedRoute_NoSession_Answers401AndForwardsNothing()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = gateway.CreateBrowser();

        var response = await browser.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(_downstream.Received);
    }

    [Fact]
    public async Task ProtectedRoute_MissingCsrfHeader_Answers403AndForwardsNothing()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();
        browser.SendCsrfHeader = false;

        var response = await browser.PostAsync("/api/orders", new { item = 1 });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(_downstream.Received);
    }

    [Fact]
    public async Task ProtectedRoute_ExpiredAccessToken_RefreshesTransparentlyAndSetsNewCookies()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();
        var oldRefresh = browser.Cookies[gateway.RefreshCookieName];
        gateway.Clock.Advance(TimeSpan.FromMinutes(6));

        var response = await browser.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(browser.LastSetCookies, cookie => cookie.Name == gateway.AccessCookieName);
        Assert.Contains(browser.LastSetCookies, cookie => cookie.Name == gateway.RefreshCookieName);
        Assert.NotEqual(oldRefresh, browser.Cookies[gateway.RefreshCookieName]);
        var token = Assert.Single(_downstream.Received).BearerToken!;
        Assert.True((await Jwks.ValidateAsync(gateway, token, "backend-api")).IsValid);
    }

    // The answer carries the new session cookies: no shared cache may keep it, whatever the downstream allowed.
    [Fact]
    public async Task ProtectedRoute_RefreshedOnACacheableDownstreamAnswer_IsNoStore()
    {
        _downstream.ResponseHeaders["Cache-Control"] = "public, max-age=600";
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();
        gateway.Clock.Advance(TimeSpan.FromMinutes(6));

        var response = await browser.GetAsync("/api/catalog");

        Assert.Contains(browser.LastSetCookies, cookie => cookie.Name == gateway.RefreshCookieName);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task ProtectedRoute_TamperedCookies_Answers401NotServerError()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();
        foreach (var name in browser.Cookies.Keys.ToList())
        {
            var value = browser.Cookies[name].ToCharArray();
            value[value.Length / 2] = value[value.Length / 2] == 'A' ? 'B' : 'A';
            browser.Cookies[name] = new string(value);
        }

        var response = await browser.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_downstream.Received);
    }

    [Fact]
    public async Task AnonymousRoute_ForwardsWithoutAuthorizationEvenFromSignedInBrowser()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();
        browser.SendCsrfHeader = false;

        var response = await browser.GetAsync("/public/info", request => request.Headers.TryAddWithoutValidation("Authorization", "Basic c2VjcmV0"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = Assert.Single(_downstream.Received);
        Assert.Null(received.Header("Authorization"));
        Assert.Null(received.Header("Cookie"));
    }

    [Fact]
    public async Task ProtectedRoute_DownstreamSetCookieWithGatewayName_IsDropped()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();
        _downstream.SetCookies.Add("__Host-gw-refresh=evil; Path=/; Secure");
        _downstream.SetCookies.Add("prefs=compact; Path=/");

        var response = await browser.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["prefs"], browser.LastSetCookies.Select(cookie => cookie.Name.ToString()));
    }
}
