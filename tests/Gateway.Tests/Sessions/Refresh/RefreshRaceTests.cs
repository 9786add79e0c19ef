using System.Data.Common;
using System.Net;
using Gateway.Observability;
using Gateway.Sessions;
using Gateway.Sessions.Refresh;
using Gateway.Storage;
using Gateway.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Gateway.Tests.Sessions.Refresh;

/// <summary>
/// Parallel browser requests that all find the access token expired: the race where hand-rolled refresh code
/// loses users. Each named failure mode of other implementations has its test.
/// </summary>
public abstract class RefreshRaceTests : ProviderTests, IAsyncLifetime
{
    private RecordingDownstream _downstream = null!;

    private protected RefreshRaceTests(StorageProvider provider)
        : base(provider)
    {
    }

    public async Task InitializeAsync() => _downstream = await RecordingDownstream.StartAsync();

    public async Task DisposeAsync() => await _downstream.DisposeAsync();

    [Fact]
    public async Task Race_FiftyProxiedRequestsWithOneExpiredToken_AllSucceedWithOneSuccessorAndTheSameCookie()
    {
        await using var gateway = NewGateway(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();
        gateway.Clock.Advance(TimeSpan.FromMinutes(6));

        var results = await FireAsync(50, browser, () => gateway.CreateBrowser(), tab => tab.GetAsync("/api/orders"));

        Assert.All(results, result => Assert.Equal(HttpStatusCode.OK, result.Status));
        Assert.Single(results.Select(result => result.RefreshCookie).Distinct());
        Assert.NotNull(results[0].RefreshCookie);
        Assert.Equal(2, await TokenCountAsync(gateway));
        Assert.Equal(50, _downstream.Received.Count);
        using var afterwards = WithCookies(gateway.CreateBrowser(), results[0]);
        Assert.Equal(HttpStatusCode.OK, (await afterwards.GetAsync("/api/orders")).StatusCode);
    }

    [Fact]
    public async Task Race_TwoInstancesOnOneDatabase_OneSuccessorAndNoLogout()
    {
        await using var first = NewGateway(_downstream);
        using var browser = await first.SignedInBrowserAsync();
        await using var second = NewGateway(_downstream, databasePath: first.DatabasePath, clock: first.Clock);
        first.Clock.Advance(TimeSpan.FromMinutes(6));

        var results = await FireAsync(50, browser, Alternate(first, second), tab => tab.GetAsync("/api/orders"));

        Assert.All(results, result => Assert.Equal(HttpStatusCode.OK, result.Status));
        Assert.Single(results.Select(result => result.RefreshCookie).Distinct());
        Assert.Equal(2, await TokenCountAsync(first));
        Assert.Null(await RevokedAtAsync(first));
    }

    [Fact]
    public async Task Race_NConcurrentRefreshCalls_NoneOfThemFails()
    {
        await using var gateway = NewGateway();
        using var browser = await gateway.SignedInBrowserAsync();

        var results = await FireAsync(20, browser, () => gateway.CreateBrowser(), tab => tab.PostAsync("/auth/refresh"));

        Assert.All(results, result => Assert.Equal(HttpStatusCode.OK, result.Status));
        Assert.Equal(2, await TokenCountAsync(gateway));
    }

    [Fact]
    public async Task Race_Losers_NeitherEndTheSessionNorTripReuseDetection()
    {
        await using var gateway = NewGateway();
        using var browser = await gateway.SignedInBrowserAsync();

        await FireAsync(20, browser, () => gateway.CreateBrowser(), tab => tab.PostAsync("/auth/refresh"));

        Assert.Null(await RevokedAtAsync(gateway));
        Assert.False(await gateway.WithDbAsync(db => db.Set<AuditEvent>().AnyAsync(e => e.Type == AuditEventTypes.RefreshReuseDetected)));
    }

    [Fact]
    public async Task Race_LateResponses_CarryTheSameSuccessorNeverAnOlderCookie()
    {
        await using var gateway = NewGateway();
        using var browser = await gateway.SignedInBrowserAsync();
        var original = browser.Cookies[gateway.RefreshCookieName];

        var results = await FireAsync(20, browser, () => gateway.CreateBrowser(), tab => tab.PostAsync("/auth/refresh"));

        var successor = await gateway.WithDbAsync(db => db.Set<RefreshToken>().SingleAsync(token => token.ConsumedAt == null));
        Assert.All(results, result => Assert.NotEqual(original, result.RefreshCookie));
        Assert.Single(results.Select(result => result.RefreshCookie).Distinct());
        Assert.Equal(successor.Hash, HashOfCookie(gateway, results[0].RefreshCookie!));
    }

    [Fact]
    public async Task Race_SlowDatabaseHoldingTheRotation_WaitersGetTheOneSuccessor()
    {
        await using var gateway = NewGateway(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();
        gateway.Clock.Advance(TimeSpan.FromMinutes(6));
        var refresh = gateway.Services.GetRequiredService<RefreshService>();

        Task<List<RaceResult>> race;
        await using (await HoldWriteLockAsync(gateway))
        {
            race = FireAsync(20, browser, () => gateway.CreateBrowser(), tab => tab.GetAsync("/api/orders"));
            Assert.True(await Eventually.TrueAsync(() => refresh.InFlightCount == 1), "the rotation never reached the database");
        }

        var results = await race;
        Assert.All(results, result => Assert.Equal(HttpStatusCode.OK, result.Status));
        Assert.Single(results.Select(result => result.RefreshCookie).Distinct());
        Assert.Equal(2, await TokenCountAsync(gateway));
    }

    [Fact]
    public async Task Race_WaiterThatReadTheTokenBeforeWaiting_DoesNotRotateItAgain()
    {
        await using var first = NewGateway(_downstream);
        using var browser = await first.SignedInBrowserAsync();
        await using var second = NewGateway(_downstream, databasePath: first.DatabasePath, clock: first.Clock);
        first.Clock.Advance(TimeSpan.FromMinutes(6));
        var firstRefresh = first.Services.GetRequiredService<RefreshService>();
        var secondRefresh = second.Services.GetRequiredService<RefreshService>();

        Task<List<RaceResult>> race;
        await using (await HoldWriteLockAsync(first))
        {
            // Both instances read the unconsumed token, then block on the write: each believes it may rotate.
            race = FireAsync(10, browser, Alternate(first, second), tab => tab.GetAsync("/api/orders"));
            Assert.True(await Eventually.TrueAsync(() => firstRefresh.InFlightCount == 1 && secondRefresh.InFlightCount == 1));
        }

        var results = await race;
        Assert.All(results, result => Assert.Equal(HttpStatusCode.OK, result.Status));
        Assert.Single(results.Select(result => result.RefreshCookie).Distinct());
        Assert.Equal(2, await TokenCountAsync(first));
    }

    [Fact]
    public async Task Race_WinnersResponseLostAndRetriedWithinGrace_RecoversTheSameSuccessor()
    {
        await using var gateway = NewGateway();
        using var browser = await gateway.SignedInBrowserAsync();
        using var lost = browser.CloneInto(gateway.CreateBrowser());
        await lost.PostAsync("/auth/refresh");
        var successorSeenByNobody = lost.Cookies[gateway.RefreshCookieName];
        gateway.Clock.Advance(TimeSpan.FromSeconds(10));

        var retry = await browser.PostAsync("/auth/refresh");
        var next = await browser.PostAsync("/auth/refresh");

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(successorSeenByNobody, LastRefreshCookie(retry, gateway));
        Assert.Null(await RevokedAtAsync(gateway));
    }

    private static string? LastRefreshCookie(HttpResponseMessage response, GatewayFactory gateway) =>
        response.Headers.TryGetValues("Set-Cookie", out var lines)
            ? Microsoft.Net.Http.Headers.SetCookieHeaderValue.ParseList(lines.ToList())
                .FirstOrDefault(cookie => cookie.Name == gateway.RefreshCookieName)?.Value.ToString()
            : null;

    private static Func<BrowserClient> Alternate(GatewayFactory first, GatewayFactory second)
    {
        var next = 0;
        return () => Interlocked.Increment(ref next) % 2 == 0 ? first.CreateBrowser() : second.CreateBrowser();
    }

    private static async Task<List<RaceResult>> FireAsync(int count, BrowserClient source, Func<BrowserClient> newTab,
        Func<BrowserClient, Task<HttpResponseMessage>> send)
    {
        var tabs = Enumerable.Range(0, count).Select(_ => source.CloneInto(newTab())).ToList();
        using var start = new SemaphoreSlim(0);
        var requests = tabs.Select(async tab =>
        {
            await start.WaitAsync();
            var response = await send(tab);
            return new RaceResult(response.StatusCode, tab.Cookies.GetValueOrDefault("__Host-gw-refresh"), new Dictionary<string, string>(tab.Cookies));
        }).ToList();
        start.Release(count);
        var results = (await Task.WhenAll(requests)).ToList();
        tabs.ForEach(tab => tab.Dispose());
        return results;
    }

    private static BrowserClient WithCookies(BrowserClient target, RaceResult result)
    {
        foreach (var (name, value) in result.Cookies)
        {
            target.Cookies[name] = value;
        }

        return target;
    }

    private static Task<int> TokenCountAsync(GatewayFactory gateway) => gateway.WithDbAsync(db => db.Set<RefreshToken>().CountAsync());

    private static Task<DateTimeOffset?> RevokedAtAsync(GatewayFactory gateway) =>
        gateway.WithDbAsync(db => db.Set<Session>().Select(session => session.RevokedAt).SingleAsync());

    private static string HashOfCookie(GatewayFactory gateway, string cookie) =>
        RefreshTokenValue.Hash(gateway.Services.GetRequiredService<SessionCookieProtector>().UnprotectRefresh(cookie)!);

    /// <summary>Another process's long write: holds the database's write lock on refresh tokens until disposed (reads go on).</summary>
    private async Task<IAsyncDisposable> HoldWriteLockAsync(GatewayFactory gateway)
    {
        DbConnection connection = Provider == StorageProvider.Postgres
            ? new NpgsqlConnection(gateway.Postgres!.ConnectionString(gateway.DatabasePath))
            : new SqliteConnection($"Data Source={gateway.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        if (Provider == StorageProvider.Postgres)
        {
            // EXCLUSIVE blocks every UPDATE and INSERT on the table and no SELECT: what SQLite's write lock does.
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """LOCK TABLE "RefreshTokens" IN EXCLUSIVE MODE""";
            await command.ExecuteNonQueryAsync();
        }

        return new WriteLock(connection, transaction);
    }

    private sealed class WriteLock(DbConnection connection, DbTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.CommitAsync();
            await connection.DisposeAsync();
        }
    }

    private sealed record RaceResult(HttpStatusCode Status, string? RefreshCookie, IReadOnlyDictionary<string, string> Cookies);

    public sealed class OnSqlite() : RefreshRaceTests(StorageProvider.Sqlite);

    public sealed class OnPostgres() : RefreshRaceTests(StorageProvider.Postgres);
}
