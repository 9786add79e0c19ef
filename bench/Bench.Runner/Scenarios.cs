using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;

namespace Bench.Runner;

internal sealed record RaceResult(int Requests, int Ok, int DistinctRefreshCookies, long NewTokenRows);

/// <summary>SQLite pages in use, and the stored successors' cookies (bytes, rows).</summary>
internal sealed record StorageResult(long UsedBytes, long SuccessorBytes, long SuccessorRows);

/// <summary>What a number of rotations added to the database: pages in use, and the successors' cookies among them.</summary>
internal sealed record StoragePerRotation(long Rotations, long UsedBytes, long SuccessorBytes, long SuccessorRows);

internal sealed record TimingResult(string Case, int Samples, double MeanMs, double MedianMs, double P90Ms);

/// <summary>The refresh and login scenarios, driven from .NET because each response's cookies feed the next request.</summary>
internal sealed class Scenarios(GatewayClient gateway, string databasePath, string password)
{
    public const string RefreshCookie = "__Host-gw-refresh";

    /// <summary>The refresh rate the latency target is set at, offered by the paced scenario.</summary>
    public const double RefreshTargetPerSecond = 1500;

    /// <summary>Each worker owns a session and refreshes it in a loop, keeping the new cookies every time.</summary>
    public Task<LoopResult> RefreshAsync(List<Dictionary<string, string>> sessions, int workers, TimeSpan duration, bool viaProxy) =>
        ClosedLoop.RunAsync(workers, duration, worker => RefreshOnceAsync(sessions[worker], viaProxy));

    /// <summary>The same refreshes at a fixed offered rate spread over every session.</summary>
    public Task<LoopResult> RefreshAtRateAsync(List<Dictionary<string, string>> sessions, double perSecond, TimeSpan duration, bool viaProxy) =>
        OpenLoop.RunAsync(sessions.Count, perSecond, duration, session => RefreshOnceAsync(sessions[session], viaProxy));

    private async Task<bool> RefreshOnceAsync(Dictionary<string, string> session, bool viaProxy)
    {
        // Only the refresh cookie: the gateway finds no access token and must refresh, as at expiry. The session is
        // updated in place: the next request (and the next scenario) continues from its newest cookies.
        var cookies = new Dictionary<string, string> { [RefreshCookie] = session[RefreshCookie] };
        var status = viaProxy
            ? await gateway.SendAsync(HttpMethod.Get, "/api/data", cookies, session)
            : await gateway.SendAsync(HttpMethod.Post, "/auth/refresh", cookies, session);
        return status == HttpStatusCode.OK;
    }

    /// <summary>64 requests at once on one session whose access token is gone: exactly one rotation expected.</summary>
    public async Task<RaceResult> RaceAsync(Dictionary<string, string> session, int requests)
    {
        var before = await CountTokensAsync();
        var cookies = new Dictionary<string, string> { [RefreshCookie] = session[RefreshCookie] };
        var results = await Task.WhenAll(Enumerable.Range(0, requests).Select(async _ =>
        {
            var update = new Dictionary<string, string>();
            var status = await gateway.SendAsync(HttpMethod.Get, "/api/data", cookies, update);
            return (status, refresh: update.GetValueOrDefault(RefreshCookie));
        }));
        return new RaceResult(requests, results.Count(r => r.status == HttpStatusCode.OK),
            results.Select(r => r.refresh).Distinct().Count(), await CountTokensAsync() - before);
    }

    public Task<LoopResult> LoginAsync(string user, int workers, TimeSpan duration) =>
        ClosedLoop.RunAsync(workers, duration, async _ =>
        {
            try
            {
                await gateway.LoginAsync(user, password);
                return true;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        });

    /// <summary>Many clients signing in with wrong passwords as fast as they can, answers counted by status.</summary>
    public async Task<Dictionary<HttpStatusCode, int>> LoginFloodAsync(string user, int workers, TimeSpan duration)
    {
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<HttpStatusCode, int>();
        await ClosedLoop.RunAsync(workers, duration, async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/login")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { username = user, password = "a wrong guess" }),
            };
            request.Headers.Add("X-CSRF", "1");
            using var response = await gateway.Http.SendAsync(request);
            statuses.AddOrUpdate(response.StatusCode, 1, (_, count) => count + 1);
            return true;
        });
        return new Dictionary<HttpStatusCode, int>(statuses);
    }

    /// <summary>Unknown user and wrong password, interleaved so drift hits both alike.</summary>
    public async Task<(TimingResult Unknown, TimingResult WrongPassword)> EnumerationTimingAsync(string knownUser, int samples)
    {
        var unknown = new List<double>();
        var wrong = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            unknown.Add(await TimeLoginAsync($"nobody{i}"));
            wrong.Add(await TimeLoginAsync(knownUser));
        }

        return (Summarize("unknown user", unknown), Summarize("wrong password", wrong));
    }

    private async Task<double> TimeLoginAsync(string user)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/login")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { username = user, password = "definitely-not-it" }),
        };
        request.Headers.Add("X-CSRF", "1");
        var started = Stopwatch.GetTimestamp();
        using var response = await gateway.Http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static TimingResult Summarize(string name, List<double> samples)
    {
        var sorted = samples.Order().ToList();
        return new TimingResult(name, samples.Count, samples.Average(), Percentiles.Of(sorted, 50), Percentiles.Of(sorted, 90));
    }

    /// <summary>The database's pages in use (its logical size less free pages) and what the grace-period successors take of it.</summary>
    public async Task<StorageResult> StorageAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT page_count FROM pragma_page_count()) - (SELECT freelist_count FROM pragma_freelist_count()),
                   (SELECT page_size FROM pragma_page_size()),
                   COALESCE(SUM(LENGTH("SuccessorCookies")), 0), COUNT("SuccessorCookies")
            FROM "RefreshTokens"
            """;
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new StorageResult(reader.GetInt64(0) * reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    private async Task<long> CountTokensAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT COUNT(*) FROM "RefreshTokens" """;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
