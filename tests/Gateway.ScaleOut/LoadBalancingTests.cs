using System.Net;
using System.Text.Json;
using Gateway.ScaleOut.Infrastructure;
using Gateway.Tests.Infrastructure;

namespace Gateway.ScaleOut;

/// <summary>Sessions live in cookies and the database: any instance serves any request of any session.</summary>
[Collection(ScaleOutClusterDefinition.Name)]
public sealed class LoadBalancingTests(ScaleOutCluster cluster)
{
    private const string RefreshCookie = "__Host-gw-refresh";

    [Fact]
    public void Startup_ThreeInstancesTogetherOnAnEmptyDatabase_MakeOneKeyRingAndOneSigningKey()
    {
        Assert.Equal((1, 1), cluster.KeysAtStart);
    }

    [Fact]
    public async Task Login_OnOneInstance_RequestsServedByAllThree()
    {
        using var browser = cluster.Browser();
        var path = $"/api/spread-{Guid.NewGuid():N}";
        (await browser.LoginAsync(ScaleOutCluster.UserName, ScaleOutCluster.Password)).EnsureSuccessStatusCode();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 9; i++)
        {
            statuses.Add((await browser.GetAsync($"{path}/{i}")).StatusCode);
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(ScaleOutCluster.InstanceCount, cluster.Balancer.UpstreamsOf(path).Distinct().Count());
        Assert.Equal(9, cluster.Downstream.Received.Count(request => request.PathAndQuery.StartsWith(path, StringComparison.Ordinal)
            && request.BearerToken is not null));
    }

    [Fact]
    public async Task Refresh_FiftyConcurrentRequestsWithOneExpiredAccessToken_OneRotationAllSucceedSessionAlive()
    {
        using var browser = cluster.Browser();
        var login = await browser.LoginAsync(ScaleOutCluster.UserName, ScaleOutCluster.Password);
        var session = JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement;
        var sessionId = session.GetProperty("sessionId").GetString()!;
        await WaitUntilPastAsync(session.GetProperty("accessTokenExpiresAt").GetDateTimeOffset());
        var path = $"/api/race-{Guid.NewGuid():N}";

        var tabs = Enumerable.Range(0, 50).Select(_ => browser.CloneInto(cluster.Browser())).ToList();
        using var start = new SemaphoreSlim(0);
        var requests = tabs.Select(async (tab, i) =>
        {
            await start.WaitAsync();
            var response = await tab.GetAsync($"{path}/{i}");
            return (response.StatusCode, Refresh: tab.Cookies.GetValueOrDefault(RefreshCookie));
        }).ToList();
        start.Release(tabs.Count);
        var results = await Task.WhenAll(requests);
        var after = await tabs[0].GetAsync($"{path}/after");
        tabs.ForEach(tab => tab.Dispose());

        Assert.All(results, result => Assert.Equal(HttpStatusCode.OK, result.StatusCode));
        Assert.Single(results.Select(result => result.Refresh).Distinct());
        Assert.NotEqual(browser.Cookies[RefreshCookie], results[0].Refresh);
        Assert.Equal(ScaleOutCluster.InstanceCount, cluster.Balancer.UpstreamsOf(path).Distinct().Count());
        Assert.Equal(2, await cluster.CountAsync("RefreshTokens", "\"SessionId\" = @sid", sessionId));
        Assert.Equal(0, await cluster.CountAsync("Sessions", "\"Id\" = @sid AND \"RevokedAt\" IS NOT NULL", sessionId));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    private static async Task WaitUntilPastAsync(DateTimeOffset instant)
    {
        // The token's own expiry is the event; it is at most AccessTokenLifetime away.
        var wait = instant - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(100);
        Assert.InRange(wait, TimeSpan.Zero - TimeSpan.FromSeconds(10), ScaleOutCluster.AccessTokenLifetime + TimeSpan.FromSeconds(1));
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }
}
