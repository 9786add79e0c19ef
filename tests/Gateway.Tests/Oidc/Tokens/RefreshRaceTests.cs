using System.Net;
using Gateway.Storage;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Oidc.Tokens;

/// <summary>
/// CONTRACT-OIDC.md rule 2: however many requests and instances need a refresh at once, one refresh request per
/// session reaches the OP, and no refresh token it already rotated is ever presented (the provider runs with a reuse
/// leeway of 0, so a second presentation would revoke the whole grant).
/// </summary>
public sealed class RefreshRaceTests
{
    private static readonly TimeSpan PastTheTokensExpiry = TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1);

    [Fact]
    public async Task ThirtyParallelRequestsOnTwoInstances_OneRefreshGrantAtTheProvider()
    {
        await using var downstream = await RecordingDownstream.StartAsync();
        await using var bed = await OidcTestBed.StartAsync(downstream, storage: StorageProvider.Postgres);
        var second = bed.AddGateway();
        using var browser = await bed.SignedInBrowserAsync();
        using var onSecond = second.CreateBrowser();
        browser.Gateway.CloneInto(onSecond);
        bed.Gateway.Clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(30));

        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => i % 2 == 0
            ? SendAsync(bed.Gateway, browser.Gateway.Cookies)
            : SendAsync(second, browser.Gateway.Cookies)));

        Assert.All(responses, status => Assert.Equal(HttpStatusCode.OK, status));
        var refreshes = bed.Provider.Recorder.TokenRequests.Where(request => request.GrantType == "refresh_token").ToList();
        Assert.True(Assert.Single(refreshes).Succeeded);
        var current = (await StoredProviderTokens.ReadAsync(bed.Gateway)).Access;
        Assert.Equal(30, downstream.Received.Count);
        Assert.All(downstream.Received, request => Assert.Equal(current, request.BearerToken));
    }

    [Fact]
    public async Task ParallelRequestsAfterExpiryOnOneInstance_OneRefreshGrant()
    {
        await using var downstream = await RecordingDownstream.StartAsync();
        await using var bed = await OidcTestBed.StartAsync(downstream);
        using var browser = await bed.SignedInBrowserAsync();
        bed.Gateway.Clock.Advance(PastTheTokensExpiry);

        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => SendAsync(bed.Gateway, browser.Gateway.Cookies)));

        Assert.All(responses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Single(bed.Provider.Recorder.TokenRequests, request => request.GrantType == "refresh_token");
    }

    [Fact]
    public async Task TwoResources_AreRefreshedOneAfterTheOtherWithTheRotatedRefreshToken()
    {
        await using var downstream = await RecordingDownstream.StartAsync();
        await using var bed = await OidcTestBed.StartAsync(downstream, new()
        {
            ["ReverseProxy:Routes:api:Metadata:Resource"] = "https://orders.example/",
            ["ReverseProxy:Routes:other:ClusterId"] = "backend",
            ["ReverseProxy:Routes:other:Match:Path"] = "/other/{**rest}",
            ["ReverseProxy:Routes:other:Metadata:Resource"] = "https://billing.example/",
        });
        using var browser = await bed.SignedInBrowserAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            browser.Gateway.GetAsync(i % 2 == 0 ? "/api/orders" : "/other/invoices")));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        var refreshes = bed.Provider.Recorder.TokenRequests.Where(request => request.GrantType == "refresh_token").ToList();
        Assert.Equal(2, refreshes.Count);
        Assert.All(refreshes, refresh => Assert.True(refresh.Succeeded));
        Assert.Equal(["https://billing.example/", "https://orders.example/"], refreshes.Select(refresh => refresh.Parameters["resource"]).Order().ToArray());
    }

    private static async Task<HttpStatusCode> SendAsync(GatewayFactory gateway, Dictionary<string, string> cookies)
    {
        using var http = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/orders");
        request.Headers.Add("X-CSRF", "1");
        request.Headers.TryAddWithoutValidation("Cookie", string.Join("; ", cookies.Select(cookie => $"{cookie.Key}={cookie.Value}")));
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
