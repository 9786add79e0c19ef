using System.Globalization;
using System.Net;
using System.Text;
using Gateway.Storage;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.RateLimiting;

/// <summary>
/// What spends the login budgets (the contract's "Abuse and faults"): per client every attempt that passed CSRF and
/// body validation, per user name only failures, split by network; IPv6 clients grouped by /64. Limit 3 a minute here.
/// </summary>
public abstract class LoginBudgetTests : ProviderTests
{
    private const string Client = "198.51.100.7";

    private protected LoginBudgetTests(StorageProvider provider)
        : base(provider)
    {
    }

    // Issue 14, finding 3: the limiter ran before the CSRF filter, so a cross-site page could make its visitors'
    // browsers spend the login budget with no-cors POSTs.
    [Fact]
    public async Task Login_CrossSiteRequestsRefusedForCsrf_SpendNoBudget()
    {
        await using var gateway = Gateway();
        await gateway.CreateUserAsync("alice");
        using var visitor = gateway.CreateBrowser();
        visitor.SendCsrfHeader = false;
        var refused = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            // What a cross-site page's fetch(..., { mode: "no-cors" }) sends: a simple request, text/plain, no X-CSRF.
            refused.Add((await visitor.SendAsync(HttpMethod.Post, "/auth/login", null, request =>
            {
                ClientAddress.From(Client)(request);
                request.Content = new StringContent("""{"username":"alice","password":"guess guess guess"}""", Encoding.UTF8, "text/plain");
                request.Headers.TryAddWithoutValidation("Origin", "https://evil.example");
                request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "cross-site");
            })).StatusCode);
        }

        var owner = await gateway.CreateBrowser().LoginFromAsync(Client, "alice", GatewayFactory.Password);

        Assert.All(refused, status => Assert.Equal(HttpStatusCode.Forbidden, status));
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
    }

    [Fact]
    public async Task Login_MalformedRequests_SpendNoBudget()
    {
        await using var gateway = Gateway();
        await gateway.CreateUserAsync("alice");
        using var client = gateway.CreateBrowser();
        var malformed = new List<HttpStatusCode>
        {
            (await client.SendAsync(HttpMethod.Post, "/auth/login", new { username = "alice" }, ClientAddress.From(Client))).StatusCode,
            (await client.SendAsync(HttpMethod.Post, "/auth/login", new { username = "al ice", password = "guess guess guess" }, ClientAddress.From(Client))).StatusCode,
            (await client.SendAsync(HttpMethod.Post, "/auth/login", new[] { "not", "an", "object" }, ClientAddress.From(Client))).StatusCode,
            (await client.SendAsync(HttpMethod.Post, "/auth/login", null, request =>
            {
                ClientAddress.From(Client)(request);
                request.Content = new StringContent("{\"username\":", Encoding.UTF8, "application/json");
            })).StatusCode,
            (await client.SendAsync(HttpMethod.Post, "/auth/login", null, request =>
            {
                ClientAddress.From(Client)(request);
                request.Content = new StringContent("username=alice&password=guess", Encoding.UTF8, "application/x-www-form-urlencoded");
            })).StatusCode,
        };

        var owner = await gateway.CreateBrowser().LoginFromAsync(Client, "alice", GatewayFactory.Password);

        Assert.All(malformed, status => Assert.InRange((int)status, 400, 415));
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
    }

    // Issue 14, finding 2: the per-user-name limit counted successes, so signing in often was enough to be refused.
    [Fact]
    public async Task Login_SuccessfulSignIns_SpendNoUserNameBudget()
    {
        await using var gateway = Gateway();
        await gateway.CreateUserAsync("alice");
        var statuses = new List<HttpStatusCode>();

        for (var i = 1; i <= 5; i++)
        {
            statuses.Add((await gateway.CreateBrowser().LoginFromAsync($"198.51.100.{i}", "alice", GatewayFactory.Password)).StatusCode);
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    // The per-user-name limit is split like the lockout: strangers spending it elsewhere leave the owner's network alone.
    [Fact]
    public async Task Login_UserNameLimitSpentFromUnfamiliarNetworks_OwnerOnAFamiliarOneSignsIn()
    {
        await using var gateway = Gateway();
        await gateway.CreateUserAsync("alice");
        await gateway.CreateBrowser().LoginFromAsync("192.0.2.20", "alice", GatewayFactory.Password);
        for (var i = 1; i <= 3; i++)
        {
            await gateway.CreateBrowser().LoginFromAsync($"203.0.113.{i}", "alice", "guess guess guess");
        }

        var stranger = await gateway.CreateBrowser().LoginFromAsync("203.0.113.200", "alice", GatewayFactory.Password);
        var owner = await gateway.CreateBrowser().LoginFromAsync("192.0.2.21", "alice", GatewayFactory.Password);

        await ProblemAssert.IsAsync(stranger, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
    }

    [Fact]
    public async Task Login_ClientsInOneIpv6Slash64_ShareOneBudget()
    {
        await using var gateway = Gateway();
        foreach (var (address, name) in new[] { ("2001:db8:1:2::a", "anna"), ("2001:db8:1:2::b", "bert"), ("2001:db8:1:2:ffff::c", "cleo") })
        {
            await gateway.CreateBrowser().LoginFromAsync(address, name, "guess guess guess");
        }

        var sameSlash64 = await gateway.CreateBrowser().LoginFromAsync("2001:db8:1:2:1234:5678:9abc:def0", "dora", "guess guess guess");
        var nextSlash64 = await gateway.CreateBrowser().LoginFromAsync("2001:db8:1:3::a", "dora", "guess guess guess");

        await ProblemAssert.IsAsync(sameSlash64, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.Equal(HttpStatusCode.Unauthorized, nextSlash64.StatusCode);
    }

    // IPv4 clients are not grouped: a neighbour in the same /24 has a budget of its own.
    [Fact]
    public async Task Login_Ipv4NeighboursInOneSlash24_HaveBudgetsOfTheirOwn()
    {
        await using var gateway = Gateway();
        foreach (var name in new[] { "anna", "bert", "cleo" })
        {
            await gateway.CreateBrowser().LoginFromAsync(Client, name, "guess guess guess");
        }

        var neighbour = await gateway.CreateBrowser().LoginFromAsync("198.51.100.8", "dora", "guess guess guess");

        Assert.Equal(HttpStatusCode.Unauthorized, neighbour.StatusCode);
    }

    // The budgets run on the gateway's clock: a minute later they are whole again.
    [Fact]
    public async Task Login_AMinuteAfterTheLimit_AnswersAgain()
    {
        await using var gateway = Gateway();
        await gateway.CreateUserAsync("alice");
        for (var i = 0; i < 3; i++)
        {
            await gateway.CreateBrowser().LoginFromAsync(Client, "alice", "guess guess guess");
        }

        var refused = await gateway.CreateBrowser().LoginFromAsync(Client, "alice", GatewayFactory.Password);
        gateway.Clock.Advance(TimeSpan.FromMinutes(1));
        var later = await gateway.CreateBrowser().LoginFromAsync(Client, "alice", GatewayFactory.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    private GatewayFactory Gateway() => new(settings: new()
    {
        ["Gateway:RateLimiting:Enabled"] = "true",
        ["Gateway:RateLimiting:LoginPermitsPerMinute"] = 3.ToString(CultureInfo.InvariantCulture),
    }, provider: Provider) { TestServices = ClientAddress.Register };

    public sealed class OnSqlite() : LoginBudgetTests(StorageProvider.Sqlite);

    public sealed class OnPostgres() : LoginBudgetTests(StorageProvider.Postgres);
}
