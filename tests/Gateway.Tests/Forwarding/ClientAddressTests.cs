using System.Net;
using System.Text.Json;
using Gateway.Observability;
using Gateway.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Tests.Forwarding;

/// <summary>
/// The client IP behind a load balancer (the contract's "Behind a load balancer"): <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> believed only from trusted peers (loopback unless configured), the client the nearest
/// untrusted address walking the header from the right. Seen where a user and an operator see it: the device list
/// and the audit trail.
/// </summary>
public sealed class ClientAddressTests
{
    [Fact]
    public async Task Login_ThroughTheLocalProxy_DeviceListAndAuditShowTheClient()
    {
        await using var gateway = Gateway();

        var ip = await SignedInIpAsync(gateway, peer: "127.0.0.1", forwardedFor: "203.0.113.9");

        Assert.Equal("203.0.113.9", ip);
        var audited = await gateway.WithDbAsync(db => db.Set<AuditEvent>().Where(row => row.Type == AuditEventTypes.LoginSucceeded).Select(row => row.Ip).SingleAsync());
        Assert.Equal("203.0.113.9", audited);
    }

    [Fact]
    public async Task Login_FromAnUntrustedPeerClaimingAnotherAddress_ShowsThePeer()
    {
        await using var gateway = Gateway();

        var ip = await SignedInIpAsync(gateway, peer: "198.51.100.7", forwardedFor: "203.0.113.9");

        Assert.Equal("198.51.100.7", ip);
    }

    // A client sends its own X-Forwarded-For to the proxy, which appends the address it saw: the forged part is left of it.
    [Fact]
    public async Task Login_ForgedEntriesLeftOfTheProxysOwn_ShowTheAddressTheProxySaw()
    {
        await using var gateway = Gateway();

        var ip = await SignedInIpAsync(gateway, peer: "127.0.0.1", forwardedFor: "10.0.0.1, 127.0.0.1, 198.51.100.99, 203.0.113.9");

        Assert.Equal("203.0.113.9", ip);
    }

    // A CDN in front of the balancer: both trusted, the walk goes past both to the client.
    [Fact]
    public async Task Login_ThroughTwoTrustedProxies_WalksPastBothToTheClient()
    {
        await using var gateway = Gateway(new()
        {
            ["Gateway:ForwardedHeaders:KnownProxies:0"] = "10.0.0.5",
            ["Gateway:ForwardedHeaders:KnownNetworks:0"] = "192.168.0.0/16",
        });

        var ip = await SignedInIpAsync(gateway, peer: "10.0.0.5", forwardedFor: "198.51.100.66, 203.0.113.9, 192.168.7.7");

        Assert.Equal("203.0.113.9", ip);
    }

    [Fact]
    public async Task Login_ForwardLimitOne_ReadsOnlyTheLastEntry()
    {
        await using var gateway = Gateway(new()
        {
            ["Gateway:ForwardedHeaders:KnownProxies:0"] = "10.0.0.5",
            ["Gateway:ForwardedHeaders:KnownNetworks:0"] = "192.168.0.0/16",
            ["Gateway:ForwardedHeaders:ForwardLimit"] = "1",
        });

        var ip = await SignedInIpAsync(gateway, peer: "10.0.0.5", forwardedFor: "198.51.100.66, 203.0.113.9, 192.168.7.7");

        Assert.Equal("192.168.7.7", ip);
    }

    // Configuring trusted proxies replaces the loopback default: a local process is then a client like any other.
    [Fact]
    public async Task Login_ConfiguredProxies_LoopbackNoLongerTrusted()
    {
        await using var gateway = Gateway(new() { ["Gateway:ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/8" });

        var fromLoopback = await SignedInIpAsync(gateway, peer: "127.0.0.1", forwardedFor: "203.0.113.9");
        var fromBalancer = await SignedInIpAsync(gateway, peer: "10.1.2.3", forwardedFor: "203.0.113.9", userName: "bob");

        Assert.Equal("127.0.0.1", fromLoopback);
        Assert.Equal("203.0.113.9", fromBalancer);
    }

    [Fact]
    public async Task Login_Ipv6ProxyAndClient_ShowTheClient()
    {
        await using var gateway = Gateway(new() { ["Gateway:ForwardedHeaders:KnownNetworks:0"] = "fd00::/8" });

        var ip = await SignedInIpAsync(gateway, peer: "fd00::10", forwardedFor: "2001:db8::5, fd00::20");

        Assert.Equal("2001:db8::5", ip);
    }

    // A dual-stack socket reports IPv4 clients as ::ffff:a.b.c.d; they are IPv4 clients.
    [Fact]
    public async Task Login_Ipv4MappedPeer_ShowsThePlainIpv4Address()
    {
        await using var gateway = Gateway();

        var ip = await SignedInIpAsync(gateway, peer: "::ffff:198.51.100.7", forwardedFor: null);

        Assert.Equal("198.51.100.7", ip);
    }

    // A connection without an address (a Unix socket) is no trusted proxy: ASP.NET Core's middleware alone would believe it.
    [Fact]
    public async Task Login_PeerWithoutAnAddress_ItsForwardedForIsNotBelieved()
    {
        await using var gateway = Gateway();

        var ip = await SignedInIpAsync(gateway, peer: null, forwardedFor: "203.0.113.9");

        Assert.Null(ip);
    }

    [Fact]
    public async Task Proxy_ForwardedProtoFromTrustedAndUntrustedPeers_BelievedOnlyFromTheTrusted()
    {
        await using var downstream = await RecordingDownstream.StartAsync();
        await using var gateway = new GatewayFactory(downstream) { TestServices = ClientAddress.Register };
        using var browser = gateway.CreateBrowser();

        await browser.GetAsync("/public/trusted", request => Forwarded(request, "127.0.0.1", "203.0.113.9", proto: "https"));
        await browser.GetAsync("/public/untrusted", request => Forwarded(request, "198.51.100.7", "203.0.113.9", proto: "https"));

        var trusted = downstream.Received.Single(request => request.PathAndQuery == "/public/trusted");
        var untrusted = downstream.Received.Single(request => request.PathAndQuery == "/public/untrusted");
        Assert.Equal("https", trusted.Headers["X-Forwarded-Proto"]);
        Assert.Equal("203.0.113.9", trusted.Headers["X-Forwarded-For"]);
        Assert.Equal("http", untrusted.Headers["X-Forwarded-Proto"]);
        Assert.Equal("198.51.100.7", untrusted.Headers["X-Forwarded-For"]);
    }

    // Behind one balancer every client used to be the balancer: one attacker spent everyone's per-IP budget.
    [Fact]
    public async Task Login_TwoClientsBehindTheBalancer_HaveSeparateBudgets()
    {
        await using var gateway = Gateway(new()
        {
            ["Gateway:RateLimiting:Enabled"] = "true",
            ["Gateway:RateLimiting:LoginPermitsPerMinute"] = "3",
        });
        await gateway.CreateUserAsync("alice");
        using var attacker = gateway.CreateBrowser();
        for (var i = 0; i < 4; i++)
        {
            await attacker.SendAsync(HttpMethod.Post, "/auth/login", new { username = $"user{i}", password = "guess guess guess" },
                request => Forwarded(request, "127.0.0.1", "203.0.113.66"));
        }

        var attackersNext = await attacker.SendAsync(HttpMethod.Post, "/auth/login", new { username = "user9", password = "guess guess guess" },
            request => Forwarded(request, "127.0.0.1", "203.0.113.66"));
        var owner = await gateway.CreateBrowser().SendAsync(HttpMethod.Post, "/auth/login", new { username = "alice", password = GatewayFactory.Password },
            request => Forwarded(request, "127.0.0.1", "198.51.100.10"));

        Assert.Equal(HttpStatusCode.TooManyRequests, attackersNext.StatusCode);
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
    }

    private static GatewayFactory Gateway(Dictionary<string, string?>? settings = null) =>
        new(settings: settings) { TestServices = ClientAddress.Register };

    private static void Forwarded(HttpRequestMessage request, string? peer, string? forwardedFor, string? proto = null)
    {
        if (peer is not null)
        {
            ClientAddress.From(peer)(request);
        }

        if (forwardedFor is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        }

        if (proto is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", proto);
        }
    }

    /// <summary>Signs a new user in through the given peer and headers; the <c>ip</c> the device list then shows.</summary>
    private static async Task<string?> SignedInIpAsync(GatewayFactory gateway, string? peer, string? forwardedFor, string userName = "alice")
    {
        await gateway.CreateUserAsync(userName);
        using var browser = gateway.CreateBrowser();
        var login = await browser.SendAsync(HttpMethod.Post, "/auth/login", new { username = userName, password = GatewayFactory.Password },
            request => Forwarded(request, peer, forwardedFor));
        login.EnsureSuccessStatusCode();
        var devices = await (await browser.GetAsync("/auth/sessions")).ReadJsonAsync<JsonElement>();
        var ip = devices.EnumerateArray().Single().GetProperty("ip");
        return ip.ValueKind == JsonValueKind.Null ? null : ip.GetString();
    }
}
