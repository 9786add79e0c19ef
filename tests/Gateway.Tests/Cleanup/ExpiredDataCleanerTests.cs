using System.Net;
using Gateway.Cleanup;
using Gateway.RateLimiting;
using Gateway.Sessions;
using Gateway.Sessions.Revocation;
using Gateway.Storage;
using Gateway.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Cleanup;

public abstract class ExpiredDataCleanerTests : ProviderTests
{
    private protected ExpiredDataCleanerTests(StorageProvider provider)
        : base(provider)
    {
    }

    [Fact]
    public async Task Cleanup_EndedSessionsPastRetention_AreDeletedWithTheirTokens()
    {
        await using var gateway = NewGateway(settings: LongJumps(new() { ["Gateway:Tokens:RefreshTokenLifetime"] = "01:00:00" }));
        using var idle = await gateway.SignedInBrowserAsync();
        using var loggedOut = gateway.CreateBrowser();
        await loggedOut.LoginAsync("alice", GatewayFactory.Password);
        await loggedOut.PostAsync("/auth/logout");
        gateway.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(2));
        using var live = gateway.CreateBrowser();
        await live.LoginAsync("alice", GatewayFactory.Password);

        await RunAsync(gateway);

        Assert.Equal(1, await gateway.WithDbAsync(db => db.Set<Session>().CountAsync()));
        Assert.Equal(1, await gateway.WithDbAsync(db => db.Set<RefreshToken>().CountAsync()));
        Assert.Equal(HttpStatusCode.OK, (await live.GetAsync("/auth/session")).StatusCode);
    }

    [Fact]
    public async Task Cleanup_ConsumedButUnexpiredTokens_StaySoReuseIsStillDetected()
    {
        await using var gateway = NewGateway();
        using var owner = await gateway.SignedInBrowserAsync();
        using var stolen = owner.CloneInto(gateway.CreateBrowser());
        await owner.PostAsync("/auth/refresh");
        gateway.Clock.Advance(TimeSpan.FromMinutes(10));

        await RunAsync(gateway);
        var replay = await stolen.PostAsync("/auth/refresh");

        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal(RevocationReasons.Reuse, await gateway.WithDbAsync(db => db.Set<Session>().Select(s => s.RevokedReason).SingleAsync()));
    }

    [Fact]
    public async Task Cleanup_ConsumedTokensPastTheGracePeriod_KeepOnlyATombstone()
    {
        await using var gateway = NewGateway();
        using var browser = await gateway.SignedInBrowserAsync();
        await browser.PostAsync("/auth/refresh");
        gateway.Clock.Advance(TimeSpan.FromSeconds(31));

        await RunAsync(gateway);

        var consumed = await gateway.WithDbAsync(db => db.Set<RefreshToken>().SingleAsync(token => token.ConsumedAt != null));
        Assert.Null(consumed.SuccessorCookies);
        Assert.Null(consumed.SuccessorHash);
    }

    [Fact]
    public async Task Cleanup_SuccessorCookiesWithinTheGracePeriod_AreKept()
    {
        await using var gateway = NewGateway();
        using var browser = await gateway.SignedInBrowserAsync();
        await browser.PostAsync("/auth/refresh");
        gateway.Clock.Advance(TimeSpan.FromSeconds(5));

        await RunAsync(gateway);

        Assert.True(await gateway.WithDbAsync(db => db.Set<RefreshToken>().AnyAsync(token => token.SuccessorCookies != null)));
    }

    [Fact]
    public async Task Cleanup_MoreRowsThanOneBatch_RemovesThemAll()
    {
        await using var gateway = NewGateway(settings: LongJumps(new()
        {
            ["Gateway:Cleanup:BatchSize"] = "2",
            ["Gateway:Tokens:RefreshTokenLifetime"] = "01:00:00",
        }));
        await gateway.CreateUserAsync("alice");
        for (var i = 0; i < 5; i++)
        {
            using var browser = gateway.CreateBrowser();
            await browser.LoginAsync("alice", GatewayFactory.Password);
        }

        gateway.Clock.Advance(TimeSpan.FromDays(2));
        await RunAsync(gateway);

        Assert.Equal(0, await gateway.WithDbAsync(db => db.Set<Session>().CountAsync()));
    }

    [Fact]
    public async Task Cleanup_SpentLoginBudgetsAndEndedLockouts_AreDeletedLiveOnesKept()
    {
        await using var gateway = NewGateway(settings: new() { ["Gateway:Lockout:MaxFailedAttempts"] = "2" });
        await gateway.CreateUserAsync("alice");
        using var browser = gateway.CreateBrowser();
        await browser.LoginAsync("alice", "guess guess guess");
        await browser.LoginAsync("alice", "guess guess guess");
        Assert.Equal(1, await gateway.WithDbAsync(db => db.Set<LoginLock>().CountAsync()));
        gateway.Clock.Advance(TimeSpan.FromMinutes(15));
        await browser.LoginAsync("bob", "guess guess guess");

        await RunAsync(gateway);

        Assert.Equal(0, await gateway.WithDbAsync(db => db.Set<LoginLock>().CountAsync()));
        var left = await gateway.WithDbAsync(db => db.Set<LoginAttempt>().Select(attempt => attempt.Key).ToListAsync());
        Assert.Equal(LoginBudgetKeys.Lockout("BOB", LoginBudgetKeys.Unfamiliar), Assert.Single(left));
    }

    // Moving the fake clock by days fires every periodic timer once per period: slow the second-scale loops down.
    private static Dictionary<string, string?> LongJumps(Dictionary<string, string?> settings)
    {
        settings["Gateway:Sessions:RevocationPollInterval"] = "01:00:00";
        settings["Gateway:Tokens:KeyRingRefreshInterval"] = "01:00:00";
        return settings;
    }

    private static async Task RunAsync(GatewayFactory gateway)
    {
        await using var scope = gateway.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ExpiredDataCleaner>().RunOnceAsync(default);
    }

    public sealed class OnSqlite() : ExpiredDataCleanerTests(StorageProvider.Sqlite);

    public sealed class OnPostgres() : ExpiredDataCleanerTests(StorageProvider.Postgres);
}
