using System.Net;
using Gateway.ScaleOut.Infrastructure;
using Gateway.Tests.Infrastructure;

namespace Gateway.ScaleOut;

/// <summary>The shared database lost under every instance: the hot path goes on, the rest waits, and it all comes back by itself.</summary>
[Collection(ScaleOutClusterDefinition.Name)]
public sealed class DatabaseOutageTests(ScaleOutCluster cluster)
{
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task DatabaseLost_LiveTokensFlowAuthAnswers503AndAllRecoverWithoutRestart()
    {
        using var browser = cluster.Browser();
        (await browser.LoginAsync(ScaleOutCluster.UserName, ScaleOutCluster.Password)).EnsureSuccessStatusCode();
        var tabs = cluster.Instances.Select(instance => browser.CloneInto(cluster.Browser(instance))).ToList();
        var proxied = new List<HttpStatusCode>();
        var ready = new List<HttpStatusCode>();
        HttpResponseMessage refresh;

        cluster.StopDatabase();
        try
        {
            foreach (var (tab, instance) in tabs.Zip(cluster.Instances))
            {
                proxied.Add((await tab.GetAsync("/api/during-outage")).StatusCode);
                ready.Add((await cluster.Http.GetAsync($"{instance.Address}/readyz")).StatusCode);
            }

            refresh = await browser.PostAsync("/auth/refresh");
        }
        finally
        {
            cluster.StartDatabase();
        }

        Assert.All(proxied, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.All(ready, status => Assert.Equal(HttpStatusCode.ServiceUnavailable, status));
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
