using System.Net;
using Gateway.ScaleOut.Infrastructure;
using Gateway.Tests.Infrastructure;

namespace Gateway.ScaleOut;

/// <summary>The shared database lost under every instance: the hot path goes on, the rest waits, and it all comes back by itself.</summary>
[Collection(ScaleOutClusterDefinition.Name)]
public sealed class DatabaseOutageTests(ScaleOutCluster cluster)
{
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(30);

    // The readiness cache (1 s) plus the probe's own timeout (2 s), with room for a loaded machine.
    private static readonly TimeSpan NoticeOutage = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task DatabaseLost_LiveTokensFlowAuthAnswers503AndAllRecoverWithoutRestart()
    {
        using var browser = cluster.Browser();
        (await browser.LoginAsync(ScaleOutCluster.UserName, ScaleOutCluster.Password)).EnsureSuccessStatusCode();
        var tabs = cluster.Instances.Select(instance => browser.CloneInto(cluster.Browser(instance))).ToList();
        var proxied = new List<HttpStatusCode>();
        var notReady = new List<bool>();
        HttpResponseMessage refresh;

        cluster.StopDatabase();
        try
        {
            foreach (var (tab, instance) in tabs.Zip(cluster.Instances))
            {
                proxied.Add((await tab.GetAsync("/api/during-outage")).StatusCode);
                // A probe answered within the last second may still be served from the readiness cache.
                notReady.Add(await Poll.UntilAsync(async () =>
                    (await cluster.Http.GetAsync($"{instance.Address}/readyz")).StatusCode == HttpStatusCode.ServiceUnavailable, NoticeOutage));
            }

            refresh = await browser.PostAsync("/auth/refresh");
        }
        finally
        {
            cluster.StartDatabase();
        }

        Assert.All(proxied, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.All(notReady, noticed => Assert.True(noticed, "readiness did not turn 503 with the database down"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refresh.StatusCode);
        Assert.NotNull(refresh.Headers.RetryAfter);
        Assert.False(refresh.Headers.Contains("Set-Cookie"));
        foreach (var instance in cluster.Instances)
        {
            Assert.True(await Poll.UntilAsync(async () => (await cluster.Http.GetAsync($"{instance.Address}/readyz")).StatusCode == HttpStatusCode.OK,
                Recovery), $"{instance.Name} not ready again\n{cluster.Diagnostics()}");
        }

        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync("/auth/refresh")).StatusCode);
        using var newcomer = cluster.Browser();
        Assert.Equal(HttpStatusCode.OK, (await newcomer.LoginAsync(ScaleOutCluster.UserName, ScaleOutCluster.Password)).StatusCode);
        tabs.ForEach(tab => tab.Dispose());
    }
}
