using System.Net;
using Gateway.Observability;
using Gateway.Storage;
using Gateway.Tests.Infrastructure;
using Gateway.Users;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Tests.Users;

/// <summary>
/// Smart lockout (the contract's "Abuse and faults"): failures counted per user name and network, the networks the
/// user signed in from in the last 30 days apart from all others; exact under concurrency; a stranger cannot lock
/// the owner out of a network the owner uses. Default limits: 20 failures within 15 minutes lock for 15 minutes.
/// </summary>
public abstract class SmartLockoutTests : ProviderTests
{
    private const string Home = "198.51.100.10";
    private const string HomeNeighbour = "198.51.100.77";
    private const string Office = "192.0.2.20";
    private const string Attacker = "203.0.113.66";
    private const string Stranger = "233.252.0.9";

    private protected SmartLockoutTests(StorageProvider provider)
        : base(provider)
    {
    }

    // Issue 14, finding 1: the old code loaded the user before the PBKDF2 wait and counted these 20 as one.
    [Fact]
    public async Task Login_TwentyParallelWrongPasswords_CountTwentyAndLockOutTheRightOne()
    {
        await using var gateway = Gateway();
        await gateway.CreateUserAsync("alice");

        var guesses = await ClientLogin.GuessInParallelAsync(gateway, Attacker, "alice", 20);
        using var owner = gateway.CreateBrowser();
        var response = await owner.LoginFromAsync(Attacker, "alice", GatewayFactory.Password);

        Assert.All(guesses, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        await ProblemAssert.IsAsync(response, HttpStatusCode.Unauthorized, "invalid-credentials");
        Assert.Empty(owner.Cookies);
    }

    // The other side of exactness: 19 parallel failures are 19, not 20.
    [Fact]
    public async Task Login_NineteenParallelWrongPasswords_LeaveTheRightOneWorking()
    {
        await using var gateway = Gateway();
        await gateway.CreateUserAsync("alice");

        await ClientLogin.GuessInParallelAsync(gateway, Attacker, "alice", 19);
        using var owner = gateway.CreateBrowser();
        var response = await owner.LoginFromAsync(Attacker, "alice", GatewayFactory.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    // Issue 14, finding 2: the old lockout refused the owner everywhere for 15 minutes.
    [Fact]
    public async Task Login_OwnerOnAFamiliarNetworkDuringAnAttackFromAnother_SignsIn()
    {
        await using var gateway = Gateway();
        await gateway.CreateUserAsync("alice");
        using var owner = gateway.CreateBrowser();
        Assert.Equal(HttpStatusCode.OK, (await owner.LoginFromAsync(Home, "alice", GatewayFactory.Password)).StatusCode);
        await ClientLogin.GuessInParallelAsync(gateway, Attacker, "alice", 25);

        var fromHome = await owner.LoginFromAsync(HomeNeighbour, "alice", GatewayFactory.Password);
        var fromAttackersNetwork = await gateway.CreateBrowser().LoginFromAsync(Attacker, "alice", GatewayFactory.Password);

        Assert.Equal(HttpStatusCode.OK, fromHome.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, fromAttackersNetwork.StatusCode);
    }

    // All networks the owner never used share one count: an attack from one locks sign-in from every other stranger's.
    [Fact]
    public async Task Login_AttackFromAnUnfamiliarNetwork_LocksEveryUnfamiliarNetwork()
    {
        await using var gateway = Gateway();
        await gateway.CreateUserAsync("alice");
        await gateway.CreateBrowser().LoginFromAsync(Home, "alice", GatewayFactory.Password);
        await ClientLogin.GuessInParallelAsync(gateway, Attacker, "alice", 20);

        var fromElsewhere = await gateway.CreateBrowser().LoginFromAsync(Stranger, "alice", GatewayFactory.Password);

        Assert.Equal(HttpStatusCode.Unauthorized, fromElsewhere.StatusCode);
    }

    // A familiar network has a count of its own: failures from it lock only it.
    [Fact]
    public async Task Login_FailuresFromAFamiliarNetwork_LockOnlyThatNetwork()
    {
        await using var gateway = Gateway();
        await gateway.CreateUserAsync("alice");
        await gateway.CreateBrowser().LoginFromAsync(Home, "alice", GatewayFactory.Password);
        await gateway.CreateBrowser().LoginFromAsync(Office, "alice", GatewayFactory.Password);
        await ClientLogin.GuessInParallelAsync(gateway, HomeNeighbour, "alice", 20);

        var fromHome = await gateway.CreateBrowser().LoginFromAsync(Home, "alice", GatewayFactory.Password);
        var fromOffice = await gateway.CreateBrowser().LoginFromAsync(Office, "alice", GatewayFactory.Password);
        var fromStranger = await gateway.CreateBrowser().LoginFromAsync(Stranger, "alice", GatewayFactory.Password);

        Assert.Equal(HttpStatusCode.Unauthorized, fromHome.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fromOffice.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fromStranger.StatusCode);
    }

    [Fact]
    public async Task Login_FamiliarNetworkUnusedForThirtyDays_IsCountedWithStrangersAgain()
    {
        await using var gateway = Gateway();
        await gateway.CreateUserAsync("alice");
        await gateway.CreateBrowser().LoginFromAsync(Home, "alice", GatewayFactory.Password);
        // The row aged rather than the clock advanced: 30 days of the fake clock would fire every periodic timer a million times.
        var monthAgo = gateway.Clock.GetUtcNow() - TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1);
        await gateway.WithDbAsync(db => db.Set<SignInNetwork>().ExecuteUpdateAsync(rows => rows.SetProperty(row => row.LastSucceededAt, monthAgo)));
        await ClientLogin.GuessInParallelAsync(gateway, Attacker, "alice", 20);

        var fromHome = await gateway.CreateBrowser().LoginFromAsync(Home, "alice", GatewayFactory.Password);

        Assert.Equal(HttpStatusCode.Unauthorized, fromHome.StatusCode);
    }

    // IPv6 networks are /64s: another address of the owner's /64 is the owner's network.
    [Fact]
    public async Task Login_OwnerOnAnotherAddressOfAFamiliarIpv6Slash64_SignsInDuringAnAttack()
    {
        await using var gateway = Gateway();
        await gateway.CreateUserAsync("alice");
        await gateway.CreateBrowser().LoginFromAsync("2001:db8:1:2::10", "alice", GatewayFactory.Password);
        await ClientLogin.GuessInParallelAsync(gateway, "2001:db8:1:3::10", "alice", 20);

        var fromHome = await gateway.CreateBrowser().LoginFromAsync("2001:db8:1:2:aaaa::99", "alice", GatewayFactory.Password);
        var fromNextDoor = await gateway.CreateBrowser().LoginFromAsync("2001:db8:1:4::10", "alice", GatewayFactory.Password);

        Assert.Equal(HttpStatusCode.OK, fromHome.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, fromNextDoor.StatusCode);
    }

    [Fact]
    public async Task Login_Lockout_IsOneAuditRowNamingTheNetwork()
    {
        await using var gateway = Gateway();
        await gateway.CreateUserAsync("alice");
        await gateway.CreateBrowser().LoginFromAsync(Home, "alice", GatewayFactory.Password);

        await ClientLogin.GuessInParallelAsync(gateway, Attacker, "alice", 25);

        var lockouts = await gateway.WithDbAsync(db => db.Set<AuditEvent>().Where(row => row.Type == AuditEventTypes.LockedOut).ToListAsync());
        var row = Assert.Single(lockouts);
        Assert.Equal("alice", row.UserName);
        Assert.Equal(Attacker, row.Ip);
        Assert.Contains("203.0.113.0/24", row.Detail, StringComparison.Ordinal);
        Assert.Contains("not signed in from", row.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_Succeeded_RecordsItsNetworkAsFamiliar()
    {
        await using var gateway = Gateway();
        var alice = await gateway.CreateUserAsync("alice");

        await gateway.CreateBrowser().LoginFromAsync(HomeNeighbour, "alice", GatewayFactory.Password);

        var networks = await gateway.WithDbAsync(db => db.Set<SignInNetwork>().Select(row => new { row.UserId, row.Network }).ToListAsync());
        Assert.Equal(new { UserId = alice.Id, Network = "198.51.100.0/24" }, Assert.Single(networks));
    }

    // A stolen session guessing the current password locks its own network, never the owner's others.
    [Fact]
    public async Task ChangePassword_WrongCurrentPasswordsFromOneNetwork_LockOnlyThatNetwork()
    {
        await using var gateway = Gateway();
        await gateway.CreateUserAsync("alice");
        await gateway.CreateBrowser().LoginFromAsync(Home, "alice", GatewayFactory.Password);
        using var thief = gateway.CreateBrowser();
        await thief.LoginFromAsync(Attacker, "alice", GatewayFactory.Password);
        for (var i = 0; i < 20; i++)
        {
            await thief.SendAsync(HttpMethod.Post, "/auth/password", new { currentPassword = $"guess {i} wrong", newPassword = "the thief's own one" },
                ClientAddress.From(Attacker));
        }

        var thiefWithTheRightOne = await thief.SendAsync(HttpMethod.Post, "/auth/password",
            new { currentPassword = GatewayFactory.Password, newPassword = "the thief's own one" }, ClientAddress.From(Attacker));
        var ownerAtHome = await gateway.CreateBrowser().LoginFromAsync(Home, "alice", GatewayFactory.Password);

        await ProblemAssert.IsAsync(thiefWithTheRightOne, HttpStatusCode.BadRequest, "wrong-password");
        Assert.Equal(HttpStatusCode.OK, ownerAtHome.StatusCode);
    }

    private GatewayFactory Gateway(Dictionary<string, string?>? settings = null) =>
        new(settings: settings, provider: Provider) { TestServices = ClientAddress.Register };

    public sealed class OnSqlite() : SmartLockoutTests(StorageProvider.Sqlite);

    public sealed class OnPostgres() : SmartLockoutTests(StorageProvider.Postgres);
}
