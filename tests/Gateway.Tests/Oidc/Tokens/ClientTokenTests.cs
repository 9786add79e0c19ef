using System.Net;
using Gateway.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using SampleIdentityProvider.Faults;

namespace Gateway.Tests.Oidc.Tokens;

/// <summary>CONTRACT-OIDC.md, <c>Client</c> routes: a client-credentials token, shared by every user, cached until it needs refreshing.</summary>
public sealed class ClientTokenTests
{
    private static readonly Dictionary<string, string?> ClientRoutes = new()
    {
        ["ReverseProxy:Routes:public:Metadata:TokenType"] = "Client",
        ["ReverseProxy:Routes:public:Metadata:Resource"] = "https://catalog.example/",
        ["ReverseProxy:Routes:public:Metadata:Scope"] = "api",
        ["ReverseProxy:Routes:api:Metadata:TokenType"] = "Client",
        ["ReverseProxy:Routes:api:Metadata:Resource"] = "https://catalog.example/",
        ["ReverseProxy:Routes:api:Metadata:Scope"] = "api",
    };

    [Fact]
    public async Task AnonymousClientRoute_ForwardsAClientCredentialsTokenWithoutASession()
    {
        await using var downstream = await RecordingDownstream.StartAsync();
        await using var bed = await OidcTestBed.StartAsync(downstream, ClientRoutes);
        using var browser = bed.CreateBrowser();

        var response = await browser.Gateway.GetAsync("/public/catalog");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = new JsonWebToken(Assert.Single(downstream.Received).BearerToken);
        Assert.Contains("https://catalog.example/", token.Audiences);
        var grant = Assert.Single(bed.Provider.Recorder.TokenRequests);
        Assert.Equal("client_credentials", grant.GrantType);
        Assert.Equal("api", grant.Parameters["scope"]);
    }

    [Fact]
    public async Task ClientToken_IsSharedByEveryUserAndReusedUntilItNeedsRefreshing()
    {
        await using var downstream = await RecordingDownstream.StartAsync();
        await using var bed = await OidcTestBed.StartAsync(downstream, ClientRoutes);
        using var alice = await bed.SignedInBrowserAsync("alice");
        using var bob = await bed.SignedInBrowserAsync("bob");
        var second = bed.AddGateway();
        using var anonymous = second.CreateBrowser();

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => (i % 3) switch
        {
            0 => alice.Gateway.GetAsync("/api/x"),
            1 => bob.Gateway.GetAsync("/api/x"),
            _ => anonymous.GetAsync("/public/x"),
        }));
        bed.Gateway.Clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(1));
        await alice.Gateway.GetAsync("/api/x");

        Assert.Equal(2, bed.Provider.Recorder.TokenRequests.Count(request => request.GrantType == "client_credentials"));
        Assert.Equal(2, downstream.Received.Select(request => request.BearerToken).Distinct().Count());
    }

    [Fact]
    public async Task ClientRoute_ProviderFailingWithoutAToken_Answers503()
    {
        await using var downstream = await RecordingDownstream.StartAsync();
        await using var bed = await OidcTestBed.StartAsync(downstream, ClientRoutes);
        bed.Provider.Faults.Settings = new FaultSettings { Token = EndpointFault.ServiceUnavailable };
        using var browser = bed.CreateBrowser();

        var response = await browser.Gateway.GetAsync("/public/catalog");

        await ProblemAssert.IsAsync(response, HttpStatusCode.ServiceUnavailable, "provider-unavailable");
        Assert.Empty(downstream.Received);
    }
}
