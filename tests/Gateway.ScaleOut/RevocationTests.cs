using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Gateway.ScaleOut.Infrastructure;
using Gateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Gateway.ScaleOut;

/// <summary>
/// A revocation on one instance (or by the CLI) is refused by every instance within the contract's 500 ms of the answer
/// that ended it (or of the CLI's exit): PostgreSQL's NOTIFY, the poll as the safety net. Each other instance is probed
/// every 25 ms; the figures are printed.
/// </summary>
[Collection(ScaleOutClusterDefinition.Name)]
public sealed class RevocationTests(ScaleOutCluster cluster, ITestOutputHelper output)
{
    private const int Rounds = 10;
    private static readonly TimeSpan ContractBound = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan ProbeEvery = TimeSpan.FromMilliseconds(25);

    [Fact]
    public async Task Logout_OnOneInstance_RefusedByTheOthersWithin500Milliseconds()
    {
        var samples = new List<TimeSpan>();
        for (var round = 0; round < Rounds; round++)
        {
            var ending = cluster.Instances[round % cluster.Instances.Count];
            using var browser = cluster.Browser(ending);
            var accessExpiresAt = await SignInAsync(browser);
            var elsewhere = cluster.Instances.Where(instance => instance != ending).Select(instance => browser.CloneInto(cluster.Browser(instance))).ToList();
            foreach (var tab in elsewhere)
            {
                Assert.Equal(HttpStatusCode.OK, (await tab.GetAsync("/api/before-logout")).StatusCode);
            }

            Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsync("/auth/logout")).StatusCode);
            var clock = Stopwatch.StartNew();
            samples.AddRange(await Task.WhenAll(elsewhere.Select(tab => RefusedAsync(tab, clock))));

            // Refused by the revoked set, not by an access token that expired on its own meanwhile.
            Assert.True(DateTimeOffset.UtcNow < accessExpiresAt, "the access token expired before the check ended; the round proved nothing");
            elsewhere.ForEach(tab => tab.Dispose());
        }

        Report("logout on one instance, refused by the other two", samples);
        Assert.All(samples, elapsed => Assert.True(elapsed <= ContractBound, $"refused after {elapsed.TotalMilliseconds:F0} ms\n{cluster.Diagnostics()}"));
    }

    [Fact]
    public async Task SessionsRevoke_ByTheCli_RefusedByEveryInstanceWithin500Milliseconds()
    {
        using var browser = cluster.Browser();
        await SignInAsync(browser);
        var sessionId = await SessionIdAsync(browser);
        var tabs = cluster.Instances.Select(instance => browser.CloneInto(cluster.Browser(instance))).ToList();
        foreach (var tab in tabs)
        {
            Assert.Equal(HttpStatusCode.OK, (await tab.GetAsync("/api/before-revocation")).StatusCode);
        }

        var revoke = await cluster.CliAsync(null, "sessions", "revoke", "--session", sessionId);
        var clock = Stopwatch.StartNew();
        var refused = await Task.WhenAll(tabs.Select(tab => RefusedAsync(tab, clock)));

        Report("CLI revoke, refused by every instance after the CLI exited", refused);
        Assert.Equal(0, revoke.ExitCode);
        Assert.All(refused, elapsed => Assert.True(elapsed <= ContractBound, $"refused after {elapsed.TotalMilliseconds:F0} ms\n{cluster.Diagnostics()}"));
        tabs.ForEach(tab => tab.Dispose());
    }

    private static async Task<DateTimeOffset> SignInAsync(BrowserClient browser)
    {
        var login = await browser.LoginAsync(ScaleOutCluster.UserName, ScaleOutCluster.Password);
        login.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement.GetProperty("accessTokenExpiresAt").GetDateTimeOffset();
    }

    private static async Task<string> SessionIdAsync(BrowserClient browser) =>
        JsonDocument.Parse(await (await browser.GetAsync("/auth/session")).Content.ReadAsStringAsync()).RootElement.GetProperty("sessionId").GetString()!;

    /// <summary>Probes every 25 ms until the instance answers 401; the time it took, or far past the bound if it never did.</summary>
    private static async Task<TimeSpan> RefusedAsync(BrowserClient tab, Stopwatch clock)
    {
        var refused = await Poll.UntilAsync(
            async () => (await tab.GetAsync("/api/after-revocation")).StatusCode == HttpStatusCode.Unauthorized,
            ContractBound * 10, ProbeEvery);
        return refused ? clock.Elapsed : TimeSpan.MaxValue;
    }

    private void Report(string what, IReadOnlyCollection<TimeSpan> samples)
    {
        var sorted = samples.Select(sample => sample.TotalMilliseconds).Order().ToList();
        var all = string.Join(" ", sorted.Select(ms => ms.ToString("F0", CultureInfo.InvariantCulture)));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: {sorted.Count} samples, median {sorted[sorted.Count / 2]:F0} ms, max {sorted[^1]:F0} ms (probed every {ProbeEvery.TotalMilliseconds:F0} ms): {all}"));
    }
}
