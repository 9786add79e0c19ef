using System.Net;
using System.Text.Json;
using Gateway.ScaleOut.Infrastructure;
using Gateway.Tests.Infrastructure;

namespace Gateway.ScaleOut;

/// <summary>
/// Behind nginx, three instances on one PostgreSQL (the contract's "Behind a load balancer, several instances"):
/// each client is itself, not nginx, and the login limits are the cluster's, not each instance's. Every test uses
/// source addresses and user names of its own, so none spends another's budget.
/// </summary>
[Collection(LoginLimitsClusterDefinition.Name)]
public sealed class LoginLimitsTests(LoginLimitsCluster cluster)
{
    // Before: every client had nginx's address, so one client's guesses spent everyone's per-IP budget.
    [Fact]
    public async Task Login_TwoClientsBehindNginx_HaveSeparateBudgetsSharedByTheInstances()
    {
        using var attacker = cluster.BrowserFrom("127.0.1.10");
        using var neighbour = cluster.BrowserFrom("127.0.1.11");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < LoginLimitsCluster.PermitsPerMinute + 1; i++)
        {
            statuses.Add((await attacker.LoginAsync($"nobody-{i}", "guess guess guess")).StatusCode);
        }

        var neighbours = await neighbour.LoginAsync("nobody-else", "guess guess guess");

        Assert.All(statuses.Take(LoginLimitsCluster.PermitsPerMinute), status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(HttpStatusCode.Unauthorized, neighbours.StatusCode);
        // Spread over the instances, so only the database's count can have refused the sixth.
        Assert.True(cluster.Balancer.UpstreamsOf("/auth/login").Distinct().Count() > 1, cluster.Diagnostics());
    }

    [Fact]
    public async Task Login_WrongPasswordsSpreadOverTheInstances_429AfterTheConfiguredCountInTotal()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < LoginLimitsCluster.PermitsPerMinute + 1; i++)
        {
            // A new client each time: only the user name's budget can refuse.
            using var client = cluster.BrowserFrom($"127.0.2.{10 + i}");
            statuses.Add((await client.LoginAsync("bob", "guess guess guess")).StatusCode);
        }

        Console.WriteLine($"bob, {LoginLimitsCluster.PermitsPerMinute} permits a minute: {string.Join(", ", statuses.Select(status => (int)status))}");
        Assert.All(statuses.Take(LoginLimitsCluster.PermitsPerMinute), status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    // nginx overwrites X-Forwarded-For with the address it saw: what a client claims there never reaches the gateway.
    [Fact]
    public async Task Login_ClientClaimingAnotherAddressThroughNginx_DeviceListShowsItsOwn()
    {
        using var client = cluster.BrowserFrom("127.0.3.10");

        var ip = await SignedInIpAsync(client, "203.0.113.9");

        Assert.Equal("127.0.3.10", ip);
    }

    // Past the balancer, straight to an instance: the client is no trusted proxy, its header is ignored.
    [Fact]
    public async Task Login_ClientClaimingAnotherAddressDirectlyToAnInstance_DeviceListShowsItsOwn()
    {
        using var client = cluster.BrowserFrom("127.0.3.11", cluster.Instances[1]);

        var ip = await SignedInIpAsync(client, "203.0.113.9");

        Assert.Equal("127.0.3.11", ip);
    }

    private static async Task<string?> SignedInIpAsync(BrowserClient client, string claimed)
    {
        var login = await client.SendAsync(HttpMethod.Post, "/auth/login", new { username = "alice", password = LoginLimitsCluster.Password },
            request => request.Headers.TryAddWithoutValidation("X-Forwarded-For", claimed));
        login.EnsureSuccessStatusCode();
        var devices = JsonDocument.Parse(await (await client.GetAsync("/auth/sessions")).Content.ReadAsStringAsync()).RootElement;
        return devices.EnumerateArray().Single(device => device.GetProperty("current").GetBoolean()).GetProperty("ip").GetString();
    }
}
