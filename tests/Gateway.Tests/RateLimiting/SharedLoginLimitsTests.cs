using System.Net;
using Gateway.Storage;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.RateLimiting;

/// <summary>
/// Two gateways on one PostgreSQL database are two instances: the login limits and the lockout are the database's,
/// so together they allow what one would (the contract's "Behind a load balancer, several instances").
/// </summary>
public sealed class SharedLoginLimitsTests : IAsyncLifetime
{
    private GatewayFactory _first = null!;
    private GatewayFactory _second = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Gateway:RateLimiting:Enabled"] = "true",
            ["Gateway:RateLimiting:LoginPermitsPerMinute"] = "4",
        };
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _first = new GatewayFactory(settings: settings, clock: clock, provider: StorageProvider.Postgres) { TestServices = ClientAddress.Register };
        _second = new GatewayFactory(settings: settings, databasePath: _first.DatabasePath, clock: clock, provider: StorageProvider.Postgres)
        {
            TestServices = ClientAddress.Register,
        };
        await _first.CreateUserAsync("alice");
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    [Fact]
    public async Task Login_OneClientAlternatingInstances_RefusedAfterTheLimitInTotal()
    {
        for (var i = 0; i < 4; i++)
        {
            await Instance(i).CreateBrowser().LoginFromAsync("198.51.100.7", $"user{i}", "guess guess guess");
        }

        var onFirst = await _first.CreateBrowser().LoginFromAsync("198.51.100.7", "user8", "guess guess guess");
        var onSecond = await _second.CreateBrowser().LoginFromAsync("198.51.100.7", "user9", "guess guess guess");

        await ProblemAssert.IsAsync(onFirst, HttpStatusCode.TooManyRequests, "rate-limited");
        await ProblemAssert.IsAsync(onSecond, HttpStatusCode.TooManyRequests, "rate-limited");
    }

    [Fact]
    public async Task Login_OneUserNameFromManyClientsAlternatingInstances_RefusedAfterTheLimitInTotal()
    {
        for (var i = 0; i < 4; i++)
        {
            await Instance(i).CreateBrowser().LoginFromAsync($"203.0.113.{i + 1}", "alice", "guess guess guess");
        }

        var response = await _second.CreateBrowser().LoginFromAsync("203.0.113.99", "alice", GatewayFactory.Password);

        await ProblemAssert.IsAsync(response, HttpStatusCode.TooManyRequests, "rate-limited");
    }

    // Limits off, lockout on (it always is): twenty parallel guesses split over both instances count twenty.
    [Fact]
    public async Task Login_TwentyParallelGuessesSplitOverTwoInstances_LockTheAccountFromThere()
    {
        var settings = new Dictionary<string, string?> { ["Gateway:RateLimiting:Enabled"] = "false" };
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var first = new GatewayFactory(settings: settings, clock: clock, provider: StorageProvider.Postgres) { TestServices = ClientAddress.Register };
        await using var second = new GatewayFactory(settings: settings, databasePath: first.DatabasePath, clock: clock, provider: StorageProvider.Postgres)
        {
            TestServices = ClientAddress.Register,
        };
        await first.CreateUserAsync("alice");
        var firstBrowsers = Enumerable.Range(0, 10).Select(_ => first.CreateBrowser()).ToList();
        var secondBrowsers = Enumerable.Range(0, 10).Select(_ => second.CreateBrowser()).ToList();

        var guesses = await Task.WhenAll(firstBrowsers.Concat(secondBrowsers)
            .Select((browser, i) => browser.LoginFromAsync("203.0.113.66", "alice", $"wrong guess {i}")));
        var rightOne = await first.CreateBrowser().LoginFromAsync("203.0.113.66", "alice", GatewayFactory.Password);

        Assert.All(guesses, guess => Assert.Equal(HttpStatusCode.Unauthorized, guess.StatusCode));
        Assert.Equal(HttpStatusCode.Unauthorized, rightOne.StatusCode);
    }

    private GatewayFactory Instance(int i) => i % 2 == 0 ? _first : _second;
}
