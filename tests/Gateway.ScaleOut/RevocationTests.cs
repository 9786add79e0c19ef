using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Gateway.ScaleOut.Infrastructure;
using Gateway.Tests.Infrastructure;

namespace Gateway.ScaleOut;

/// <summary>A revocation on one instance reaches the others through the database within the contract's 2 s.</summary>
[Collection(ScaleOutClusterDefinition.Name)]
public sealed class RevocationTests(ScaleOutCluster cluster)
{
    private static readonly TimeSpan ContractBound = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Logout_ThroughOneInstance_RefusedByTheOthersWithinTwoSeconds()
    {
        var (first, others) = (cluster.Instances[0], cluster.Instances.Skip(1).ToList());
        using var browser = cluster.Browser(first);
        var login = await browser.LoginAsync(ScaleOutCluster.UserName, ScaleOutCluster.Password);
        var accessExpiresAt = JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement
            .GetProperty("accessTokenExpiresAt").GetDateTimeOffset();
        var elsewhere = others.Select(instance => browser.CloneInto(cluster.Browser(instance))).ToList();
        foreach (var tab in elsewhere)
        {
            Assert.Equal(HttpStatusCode.OK, (await tab.GetAsync("/api/before-logout")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsync("/auth/logout")).StatusCode);
        var clock = Stopwatch.StartNew();
        var refused = await Task.WhenAll(elsewhere.Select(tab => RefusedAsync(tab, clock)));

        Assert.All(refused, elapsed => Assert.True(elapsed <= ContractBound, $"refused after {elapsed.TotalMilliseconds:F0} ms\n{cluster.Diagnostics()}"));
        // Refused by the revoked set, not by an access token that expired on its own meanwhile.
        Assert.True(DateTimeOffset.UtcNow < accessExpiresAt, "the access token expired before the check ended; the test proved nothing");
        elsewhere.ForEach(tab => tab.Dispose());
    }

    [Fact]
    public async Task SessionsRevoke_ByTheCli_RefusedByEveryInstanceWithinTwoSeconds()
    {
        using var browser = cluster.Browser();
        var login = await browser.LoginAsync(ScaleOutCluster.UserName, ScaleOutCluster.Password);
        var sessionId = JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement.GetProperty("sessionId").GetString()!;
        var tabs = cluster.Instances.Select(instance => browser.CloneInto(cluster.Browser(instance))).ToList();

        var revoke = await cluster.CliAsync(null, "sessions", "revoke", "--session", sessionId);
        var clock = Stopwatch.StartNew();
        var refused = await Task.WhenAll(tabs.Select(tab => RefusedAsync(tab, clock)));

        Assert.Equal(0, revoke.ExitCode);
        Assert.All(refused, elapsed => Assert.True(elapsed <= ContractBound, $"refused after {elapsed.TotalMilliseconds:F0} ms\n{cluster.Diagnostics()}"));
        tabs.ForEach(tab => tab.Dispose());
    }

    /// <summary>Probes until the instance answers 401; the time it took, or far past the bound if it never did.</summary>
    private static async Task<TimeSpan> RefusedAsync(BrowserClient tab, Stopwatch clock)
    {
        var refused = await Poll.UntilAsync(
            async () => (await tab.GetAsync("/api/after-revocation")).StatusCode == HttpStatusCode.Unauthorized,
            ContractBound * 3, TimeSpan.FromMilliseconds(20));
        return refused ? clock.Elapsed : TimeSpan.MaxValue;
    }
}
