using System.Net;
using System.Text.Json;
using Gateway.Sessions;
using Gateway.Storage;
using Gateway.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using SampleIdentityProvider.Faults;

namespace Gateway.Tests.Oidc.Tokens;

/// <summary>CONTRACT-OIDC.md, "Protected routes in Oidc mode": what the downstream receives, and the refresh rules 1-8.</summary>
public sealed class UserTokenTests
{
    /// <summary>A token of 5 minutes is refreshed 1 minute before it expires.</summary>
    private static readonly TimeSpan IntoTheRefreshWindow = TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(1);

    private static readonly TimeSpan PastTheTokensExpiry = TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1);

    [Fact]
    public async Task UserRoute_ForwardsTheProvidersAccessTokenAsIssued()
    {
        await using var downstream = await RecordingDownstream.StartAsync();
        await using var bed = await OidcTestBed.StartAsync(downstream);
        using var browser = await bed.SignedInBrowserAsync();
        var stored = await StoredProviderTokens.ReadAsync(bed.Gateway);

        var response = await browser.Gateway.GetAsync("/api/orders", request => request.Headers.Add("Authorization", "Bearer client-supplied"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = Assert.Single(downstream.Received);
        Assert.Equal(stored.Access, received.BearerToken);
        Assert.Equal(bed.Provider.Issuer, new JsonWebToken(received.BearerToken).Issuer);
        Assert.Null(received.Header("Cookie"));
    }

    [Fact]
    public async Task GatewayRoute_ForwardsTheGatewaysJwtWithTheProvidersSubject()
    {
        await using var downstream = await RecordingDownstream.StartAsync();
        await using var bed = await OidcTestBed.StartAsync(downstream, new() { ["ReverseProxy:Routes:api:Metadata:TokenType"] = "Gateway" });
        using var browser = await bed.SignedInBrowserAsync();

        await browser.Gateway.GetAsync("/api/orders");

        var token = new JsonWebToken(Assert.Single(downstream.Received).BearerToken);
        Assert.Equal("http://localhost", token.Issuer);
        Assert.Equal("user-alice", token.Subject);
        Assert.Equal("backend-api", token.Audiences.Single());
    }

    [Fact]
    public async Task ClusterTokenType_AppliesUnlessTheRouteSaysOtherwise()
    {
        await using var downstream = await RecordingDownstream.StartAsync();
        await using var bed = await OidcTestBed.StartAsync(downstream, new()
        {
            ["ReverseProxy:Clusters:backend:Metadata:TokenType"] = "None",
            ["ReverseProxy:Routes:gateway:ClusterId"] = "backend",
            ["ReverseProxy:Routes:gateway:Match:Path"] = "/gw/{**rest}",
            ["ReverseProxy:Routes:gateway:Metadata:TokenType"] = "Gateway",
        });
        using var browser = await bed.SignedInBrowserAsync();

        await browser.Gateway.GetAsync("/api/orders");
        await browser.Gateway.GetAsync("/gw/orders");

        Assert.Null(downstream.Received.Single(request => request.PathAndQuery.StartsWith("/api", StringComparison.Ordinal)).Header("Authorization"));
        Assert.Equal("http://localhost", new JsonWebToken(downstream.Received.Single(request => request.PathAndQuery.StartsWith("/gw", StringComparison.Ordinal)).BearerToken).Issuer);
    }

    [Fact]
    public async Task UserRoute_LiveCachedToken_TouchesNoDatabase()
    {
        await using var downstream = await RecordingDownstream.StartAsync();
        await using var bed = await OidcTestBed.StartAsync(downstream);
        using var browser = await bed.SignedInBrowserAsync();
        await browser.Gateway.GetAsync("/api/warm-up");
        var database = bed.Gateway.Services.GetRequiredService<GatewayDatabase>();
        var before = database.CommandsExecuted;

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.Gateway.GetAsync("/api/orders")).StatusCode);
        }

        Assert.Equal(before, database.CommandsExecuted);
    }

    [Fact]
    public async Task UserRoute_TokenAboutToExpire_IsRefreshedOnceWithoutTouchingTheGatewayCookies()
    {
        await using var downstream = await RecordingDownstream.StartAsync();
        await using var bed = await OidcTestBed.StartAsync(downstream);
        using var browser = await bed.SignedInBrowserAsync();
        var first = await StoredProviderTokens.ReadAsync(bed.Gateway);
        bed.Gateway.Clock.Advance(IntoTheRefreshWindow);

        var response = await browser.Gateway.GetAsync("/api/orders");
        await browser.Gateway.GetAsync("/api/orders");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(browser.Gateway.LastSetCookies);
        var refreshes = bed.Provider.Recorder.TokenRequests.Where(request => request.GrantType == "refresh_token").ToList();
        Assert.True(Assert.Single(refreshes).Succeeded);
        var second = await StoredProviderTokens.ReadAsync(bed.Gateway);
        Assert.NotEqual(first.Access, second.Access);
        Assert.NotEqual(first.Refresh, second.Refresh);
        Assert.All(downstream.Received, request => Assert.Equal(second.Access, request.BearerToken));
    }

    [Fact]
    public async Task GatewayCookieRotation_NeverCallsTheProvider()
    {
        await using var downstream = await RecordingDownstream.StartAsync();
        await using var bed = await OidcTestBed.StartAsync(downstream, new() { ["Gateway:Tokens:AccessTokenLifetime"] = "00:01:00" });
        using var browser = await bed.SignedInBrowserAsync();
        bed.Gateway.Clock.Advance(TimeSpan.FromMinutes(2));

        var proxied = await browser.Gateway.GetAsync("/api/orders");
        var refreshed = await browser.Gateway.PostAsync("/auth/refresh");
        var session = await browser.Gateway.GetAsync("/auth/session");

        Assert.Equal(HttpStatusCode.OK, proxied.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        Assert.DoesNotContain(bed.Provider.Recorder.TokenRequests, request => request.GrantType == "refresh_token");

        // The rotated gateway token names the OP's user as the login did (name and roles kept on the session row).
        var user = (await session.ReadJsonAsync<JsonElement>()).GetProperty("user");
        Assert.Equal("Alice Liddell", user.GetProperty("name").GetString());
        Assert.Equal(2, user.GetProperty("roles").GetArrayLength());
    }

    [Fact]
    public async Task UserRoute_ProviderAnswersInvalidGrant_EndsTheSession()
    {
        await using var downstream = await RecordingDownstream.StartAsync();
        await using var bed = await OidcTestBed.StartAsync(downstream);
        using var browser = await bed.SignedInBrowserAsync();
        var sessionId = await SessionIdAsync(browser);
        bed.Provider.Faults.Settings = new FaultSettings { RejectRefreshTokens = true };
        bed.Gateway.Clock.Advance(IntoTheRefreshWindow);

        var response = await browser.Gateway.GetAsync("/api/orders");

        await ProblemAssert.IsAsync(response, HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Empty(downstream.Received);
        Assert.Empty(browser.Gateway.Cookies);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.Gateway.GetAsync("/auth/session")).StatusCode);
        var session = await bed.Gateway.WithDbAsync(db => db.Set<Session>().SingleAsync(row => row.Id == sessionId));
        Assert.Equal("provider-invalid-grant", session.RevokedReason);
        Assert.True(await bed.Gateway.WithDbAsync(db => db.Set<Gateway.Observability.AuditEvent>()
            .AnyAsync(audit => audit.SessionId == sessionId && audit.Detail!.Contains("provider-invalid-grant"))));
    }

    [Fact]
    public async Task UserRoute_ProviderDownBeforeExpiry_ForwardsTheStillValidToken()
    {
        await using var downstream = await RecordingDownstream.StartAsync();
        await using var bed = await OidcTestBed.StartAsync(downstream);
        using var browser = await bed.SignedInBrowserAsync();
        var stored = await StoredProviderTokens.ReadAsync(bed.Gateway);
        bed.Provider.Faults.Settings = new FaultSettings { Token = EndpointFault.ServiceUnavailable };
        bed.Gateway.Clock.Advance(IntoTheRefreshWindow);

        var response = await browser.Gateway.GetAsync("/api/orders");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(stored.Access, Assert.Single(downstream.Received).BearerToken);
    }

    [Fact]
    public async Task UserRoute_ProviderDownAfterExpiry_Answers503KeepsTheSessionAndRecovers()
    {
        await using var downstream = await RecordingDownstream.StartAsync();
        await using var bed = await OidcTestBed.StartAsync(downstream);
        using var browser = await bed.SignedInBrowserAsync();
        var cookies = new Dictionary<string, string>(browser.Gateway.Cookies);
        await bed.Provider.StopAsync();
        bed.Gateway.Clock.Advance(PastTheTokensExpiry);

        var whileDown = await browser.Gateway.GetAsync("/api/orders");
        await bed.Provider.RestartAsync();
        var afterwards = await browser.Gateway.GetAsync("/api/orders");

        await ProblemAssert.IsAsync(whileDown, HttpStatusCode.ServiceUnavailable, "provider-unavailable");
        Assert.NotNull(whileDown.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
        var received = Assert.Single(downstream.Received);
        Assert.Equal((await StoredProviderTokens.ReadAsync(bed.Gateway)).Access, received.BearerToken);
        Assert.NotNull(await SessionIdAsync(browser));
        Assert.True(cookies.Count == 2);
    }

    [Fact]
    public async Task UserRoute_ProviderDownAfterExpiryWhileTheGatewayCookiesRotate_StillSetsTheNewCookies()
    {
        await using var downstream = await RecordingDownstream.StartAsync();
        await using var bed = await OidcTestBed.StartAsync(downstream);
        using var browser = await bed.SignedInBrowserAsync();
        var before = browser.Gateway.Cookies[SessionCookieNames.SecureRefresh];
        bed.Provider.Faults.Settings = new FaultSettings { Token = EndpointFault.ServiceUnavailable };
        bed.Gateway.Clock.Advance(PastTheTokensExpiry);

        var response = await browser.Gateway.GetAsync("/api/orders");

        await ProblemAssert.IsAsync(response, HttpStatusCode.ServiceUnavailable, "provider-unavailable");
        Assert.NotEqual(before, browser.Gateway.Cookies[SessionCookieNames.SecureRefresh]);
        Assert.Equal(HttpStatusCode.OK, (await browser.Gateway.GetAsync("/auth/session")).StatusCode);
    }

    [Fact]
    public async Task UserRoute_DownstreamAnswers401_PassesItOnWithoutRetrying()
    {
        await using var downstream = await RecordingDownstream.StartAsync();
        downstream.StatusCode = 401;
        await using var bed = await OidcTestBed.StartAsync(downstream);
        using var browser = await bed.SignedInBrowserAsync();
        var tokenRequests = bed.Provider.Recorder.TokenRequests.Count;

        var response = await browser.Gateway.GetAsync("/api/orders");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Single(downstream.Received);
        Assert.Equal(tokenRequests, bed.Provider.Recorder.TokenRequests.Count);
        Assert.Equal(2, browser.Gateway.Cookies.Count);
    }

    [Fact]
    public async Task UserRoute_NoRefreshTokenIssued_EndsTheSessionWhenTheTokenExpires()
    {
        await using var downstream = await RecordingDownstream.StartAsync();
        await using var bed = await OidcTestBed.StartAsync(downstream, new()
        {
            ["Gateway:Authentication:Oidc:Scope:0"] = "openid",
            ["Gateway:Authentication:Oidc:Scope:1"] = "profile",
        });
        using var browser = await bed.SignedInBrowserAsync();
        Assert.Null((await StoredProviderTokens.ReadAsync(bed.Gateway)).Refresh);
        bed.Gateway.Clock.Advance(IntoTheRefreshWindow);
        Assert.Equal(HttpStatusCode.OK, (await browser.Gateway.GetAsync("/api/orders")).StatusCode);
        bed.Gateway.Clock.Advance(TimeSpan.FromMinutes(1));

        var response = await browser.Gateway.GetAsync("/api/orders");

        await ProblemAssert.IsAsync(response, HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Single(downstream.Received);
    }

    [Fact]
    public async Task ResourceRoute_GetsATokenForItsResourceWithTheSessionsRefreshToken()
    {
        const string resource = "https://orders.example/";
        await using var downstream = await RecordingDownstream.StartAsync();
        await using var bed = await OidcTestBed.StartAsync(downstream, new()
        {
            ["ReverseProxy:Routes:api:Metadata:Resource"] = resource,
            ["ReverseProxy:Routes:api:Metadata:Scope"] = "api.read",
        });
        using var browser = await bed.SignedInBrowserAsync();

        var response = await browser.Gateway.GetAsync("/api/orders");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var login = Assert.Single(bed.Provider.Recorder.PushedAuthorizationRequests);
        Assert.Contains(resource, login.Parameters["resource"], StringComparison.Ordinal);
        Assert.Contains("api.read", login.Parameters["scope"], StringComparison.Ordinal);
        var refresh = Assert.Single(bed.Provider.Recorder.TokenRequests, request => request.GrantType == "refresh_token");
        Assert.Equal(resource, refresh.Parameters["resource"]);
        Assert.Equal("api.read", refresh.Parameters["scope"]);
        var token = new JsonWebToken(Assert.Single(downstream.Received).BearerToken);
        Assert.Contains(resource, token.Audiences);
    }

    [Fact]
    public async Task SessionCookies_StayUnder4096BytesWhateverTheProvidersClaims()
    {
        await using var bed = await OidcTestBed.StartAsync(provider: options => options.Users.Add(new()
        {
            UserName = "verbose",
            Password = "verbose-demo-password",
            Name = new string('é', 5000),
            Roles = [.. Enumerable.Range(0, 300).Select(i => $"róle-{i}-{new string('x', 40)}")],
        }));

        using var browser = await bed.SignedInBrowserAsync("verbose");

        Assert.All(browser.Gateway.Cookies, cookie => Assert.True(cookie.Key.Length + cookie.Value.Length < 4096, $"{cookie.Key}: {cookie.Value.Length}"));
        var body = await (await browser.Gateway.GetAsync("/auth/session")).ReadJsonAsync<JsonElement>();
        Assert.Equal(128, body.GetProperty("user").GetProperty("name").GetString()!.Length);
    }

    private static async Task<string> SessionIdAsync(OidcBrowser browser) =>
        (await (await browser.Gateway.GetAsync("/auth/session")).ReadJsonAsync<JsonElement>()).GetProperty("sessionId").GetString()!;
}
