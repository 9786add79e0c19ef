using System.Diagnostics;
using System.Globalization;
using System.Net;
using Gateway.ScaleOut.Infrastructure;
using Gateway.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace Gateway.ScaleOut;

/// <summary>
/// A failover seen from the gateways: the primary turns read-only (demoted), or stops answering altogether (black-holed:
/// SIGSTOP, connections open and silent). Every path that needs the database answers 503 + Retry-After within the
/// contract's 10 s, keeps the session and the cookies, /readyz says 503; once the database is back, every session and
/// password is as it was. The figures are printed.
/// </summary>
[Collection(ScaleOutClusterDefinition.Name)]
public sealed class DatabaseFailoverTests(ScaleOutCluster cluster, ITestOutputHelper output)
{
    private const string NewPassword = "a brand new passphrase";
    private static readonly TimeSpan ContractBound = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ReadOnlyPrimary_EveryPathAnswers503WithinTenSeconds_AndNothingIsLost()
    {
        using var sessions = await Sessions.SignInAsync(cluster, "failover-ro");

        await cluster.ExecuteAsync("ALTER SYSTEM SET default_transaction_read_only = on", "SELECT pg_reload_conf()");
        Dictionary<string, Outcome> outcomes;
        try
        {
            outcomes = await AllPathsAsync(sessions);
        }
        finally
        {
            // This connection is read-only too by now: make its own session writable first.
            await cluster.ExecuteAsync("SET default_transaction_read_only = off", "ALTER SYSTEM RESET default_transaction_read_only",
                "SELECT pg_reload_conf()");
        }

        Report("read-only primary (default_transaction_read_only = on)", outcomes);
        AssertAll503(outcomes);
        await AssertNothingLostAsync(sessions);
    }

    [Fact]
    public async Task BlackHoledPrimary_EveryPathAnswers503WithinTenSeconds_AndNothingIsLost()
    {
        using var sessions = await Sessions.SignInAsync(cluster, "failover-bh");

        cluster.PauseDatabase();
        Dictionary<string, Outcome> outcomes;
        try
        {
            outcomes = await AllPathsAsync(sessions);
        }
        finally
        {
            cluster.ResumeDatabase();
        }

        Report("black-holed primary (SIGSTOP)", outcomes);
        AssertAll503(outcomes);
        await AssertNothingLostAsync(sessions);
    }

    /// <summary>Every path at once, each timed from its request to its answer.</summary>
    private async Task<Dictionary<string, Outcome>> AllPathsAsync(Sessions sessions)
    {
        var paths = new Dictionary<string, Func<Task<HttpResponseMessage>>>
        {
            ["login"] = () => sessions.Stranger.LoginAsync(sessions.UserName, ScaleOutCluster.Password),
            ["refresh"] = () => sessions.Refreshing.PostAsync("/auth/refresh"),
            ["proxied request needing a refresh"] = () => sessions.Expired.GetAsync("/api/during-failover"),
            ["logout"] = () => sessions.LoggingOut.PostAsync("/auth/logout"),
            ["password change"] = () => sessions.ChangingPassword.PostAsync("/auth/password",
                new { currentPassword = ScaleOutCluster.Password, newPassword = NewPassword }),
        };
        foreach (var instance in cluster.Instances)
        {
            paths[$"readyz {instance.Name}"] = () => cluster.Http.GetAsync($"{instance.Address}/readyz");
        }

        // Readiness is checked at most once a second: give the last healthy answer time to expire.
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        var timed = await Task.WhenAll(paths.Select(async path =>
        {
            var clock = Stopwatch.StartNew();
            var response = await path.Value();
            return (path.Key, new Outcome(response, clock.Elapsed));
        }));
        return timed.ToDictionary(pair => pair.Key, pair => pair.Item2);
    }

    private void Report(string fault, Dictionary<string, Outcome> outcomes) =>
        output.WriteLine($"{fault}:\n" + string.Join("\n", outcomes.Select(outcome => string.Create(CultureInfo.InvariantCulture,
            $"  {outcome.Key}: {(int)outcome.Value.Response.StatusCode} in {outcome.Value.Took.TotalSeconds:F2} s, Retry-After {outcome.Value.Response.Headers.RetryAfter?.Delta?.TotalSeconds}"))));

    private static void AssertAll503(Dictionary<string, Outcome> outcomes)
    {
        Assert.All(outcomes, outcome =>
        {
            Assert.True(outcome.Value.Response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{outcome.Key}: {(int)outcome.Value.Response.StatusCode}");
            Assert.True(outcome.Value.Took <= ContractBound, $"{outcome.Key}: {outcome.Value.Took.TotalSeconds:F1} s");
            if (!outcome.Key.StartsWith("readyz", StringComparison.Ordinal))
            {
                Assert.NotNull(outcome.Value.Response.Headers.RetryAfter);
                Assert.False(outcome.Value.Response.Headers.Contains("Set-Cookie"), $"{outcome.Key} set cookies");
            }
        });
    }

    /// <summary>Every instance ready and listening again; every session as it was before the fault, the password unchanged.</summary>
    private async Task AssertNothingLostAsync(Sessions sessions)
    {
        foreach (var instance in cluster.Instances)
        {
            Assert.True(await Poll.UntilAsync(async () => (await cluster.Http.GetAsync($"{instance.Address}/readyz")).StatusCode == HttpStatusCode.OK,
                Recovery), $"{instance.Name} not ready again\n{cluster.Diagnostics()}");
        }

        // Back to NOTIFY on every instance before the next test measures revocations.
        Assert.True(await Poll.UntilAsync(ListenersBackAsync, Recovery), "the revocation listeners did not come back");

        Assert.Equal(HttpStatusCode.OK, (await sessions.Refreshing.PostAsync("/auth/refresh")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sessions.Expired.GetAsync("/api/after-failover")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sessions.LoggingOut.GetAsync("/auth/session")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sessions.ChangingPassword.GetAsync("/auth/session")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sessions.Stranger.LoginAsync(sessions.UserName, ScaleOutCluster.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await sessions.LoggingOut.PostAsync("/auth/logout")).StatusCode);
    }

    private async Task<bool> ListenersBackAsync()
    {
        try
        {
            return await cluster.CountAsync("pg_stat_activity", "application_name = 'gateway-revocation-listener'") >= ScaleOutCluster.InstanceCount;
        }
        catch (NpgsqlException)
        {
            // This process's own pooled connection did not survive the outage; the next attempt opens a new one.
            return false;
        }
    }

    private sealed record Outcome(HttpResponseMessage Response, TimeSpan Took);

    /// <summary>A user of its own (the password change must not touch the suite's user) and a browser per path.</summary>
    private sealed class Sessions : IDisposable
    {
        public required string UserName { get; init; }

        public required BrowserClient Refreshing { get; init; }

        public required BrowserClient Expired { get; init; }

        public required BrowserClient LoggingOut { get; init; }

        public required BrowserClient ChangingPassword { get; init; }

        public required BrowserClient Stranger { get; init; }

        public static async Task<Sessions> SignInAsync(ScaleOutCluster cluster, string userName)
        {
            var add = await cluster.CliAsync(ScaleOutCluster.Password, "users", "add", userName, "--password-stdin");
            Assert.True(add.ExitCode == 0, add.Error);
            async Task<BrowserClient> SignedIn()
            {
                var browser = cluster.Browser();
                (await browser.LoginAsync(userName, ScaleOutCluster.Password)).EnsureSuccessStatusCode();
                return browser;
            }

            var expired = await SignedIn();
            // Only the refresh cookie: the next proxied request needs a rotation, as one whose access token expired.
            expired.Cookies.Remove(expired.Cookies.Keys.Single(name => name.EndsWith("-access", StringComparison.Ordinal)));
            return new Sessions
            {
                UserName = userName,
                Refreshing = await SignedIn(),
                Expired = expired,
                LoggingOut = await SignedIn(),
                ChangingPassword = await SignedIn(),
                Stranger = cluster.Browser(),
            };
        }

        public void Dispose()
        {
            foreach (var browser in new[] { Refreshing, Expired, LoggingOut, ChangingPassword, Stranger })
            {
                browser.Dispose();
            }
        }
    }
}
