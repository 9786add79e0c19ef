using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Gateway.ScaleOut.Infrastructure;

namespace Gateway.ScaleOut;

/// <summary>An instance dying under load costs at most the requests it held; the balancer sends the rest to the others.</summary>
[Collection(ScaleOutClusterDefinition.Name)]
public sealed class FailoverTests(ScaleOutCluster cluster)
{
    private const int Workers = 8;
    private const int TotalRequests = 600;
    private const int KillAfter = 150;
    private static readonly TimeSpan LoadDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Kill_OneInstanceMidLoad_OthersKeepServingAndNoSessionIsLost()
    {
        var victim = cluster.Instances[2];
        using var browser = cluster.Browser();
        (await browser.LoginAsync(ScaleOutCluster.UserName, ScaleOutCluster.Password)).EnsureSuccessStatusCode();
        var path = $"/api/load-{Guid.NewGuid():N}";
        var outcomes = new ConcurrentQueue<(int Order, HttpStatusCode? Status)>();
        var sent = 0;
        var killedAt = -1;
        var clock = Stopwatch.StartNew();

        try
        {
            await Task.WhenAll(Enumerable.Range(0, Workers).Select(async _ =>
            {
                using var tab = browser.CloneInto(cluster.Browser());
                int order;
                while ((order = Interlocked.Increment(ref sent)) <= TotalRequests && clock.Elapsed < LoadDeadline)
                {
                    if (order == KillAfter)
                    {
                        victim.Kill();
                        Volatile.Write(ref killedAt, order);
                    }

                    outcomes.Enqueue((order, await StatusOrNullAsync(tab, $"{path}/{order}")));
                }
            }));
        }
        finally
        {
            await cluster.RestartAsync(victim);
        }

        var failures = outcomes.Where(outcome => outcome.Status != HttpStatusCode.OK).ToList();
        var afterKill = outcomes.Where(outcome => outcome.Order > killedAt + Workers).ToList();
        Assert.Equal(TotalRequests, outcomes.Count);
        Assert.DoesNotContain(outcomes, outcome => outcome.Status == HttpStatusCode.Unauthorized);
        // Only requests the dying instance already held may fail: at most one per worker, right at the kill.
        Assert.True(failures.Count <= Workers, $"{failures.Count} failures: {string.Join(", ", failures)}");
        Assert.All(failures, failure => Assert.InRange(failure.Order, killedAt - Workers, killedAt + Workers));
        Assert.All(afterKill, outcome => Assert.Equal(HttpStatusCode.OK, outcome.Status));
        // The balancer sent requests the dead instance refused (or dropped) to another one, and they succeeded.
        var retried = cluster.Balancer.Logged(path).Where(entry => entry.Upstreams.Contains(',', StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(retried);
        Assert.All(retried, entry => Assert.Equal(200, entry.Status));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"{path}/after")).StatusCode);
    }

    private static async Task<HttpStatusCode?> StatusOrNullAsync(Tests.Infrastructure.BrowserClient tab, string path)
    {
        try
        {
            return (await tab.GetAsync(path)).StatusCode;
        }
        catch (HttpRequestException)
        {
            // A connection cut mid-answer: counted as a failure, not a logout.
            return null;
        }
    }
}
