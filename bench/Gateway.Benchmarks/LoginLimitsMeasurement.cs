using System.Diagnostics;
using Gateway.Hosting;
using Gateway.RateLimiting;
using Gateway.Storage;
using Gateway.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Gateway.Benchmarks;

/// <summary>
/// Decision 0010's figures: the two ways to keep login budgets exact across instances on PostgreSQL, measured on a
/// throwaway server. (A) a counter row per budget and fixed window, spent by one conditional upsert; (B) what the
/// gateway does: a row per spent unit (a sliding window), the insert counting the live rows behind a
/// transaction-scoped advisory lock taken by the same one-round-trip batch (RateLimiting/DatabaseLoginBudgetStore).
/// Run: <c>dotnet bench/Gateway.Benchmarks/bin/Release/net10.0/Gateway.Benchmarks.dll login-limits</c>.
/// </summary>
internal static class LoginLimitsMeasurement
{
    private const int Operations = 4000;
    private const int Limit = 20;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    // Option A: one row per budget; the upsert opens a new window once the old one ended, else counts on while under the limit.
    private const string CounterSpend = """
        INSERT INTO "BenchCounters" ("Key", "WindowEndsAt", "Count") VALUES (@key, @expires, 1)
        ON CONFLICT ("Key") DO UPDATE SET
            "Count" = CASE WHEN "BenchCounters"."WindowEndsAt" <= @now THEN 1 ELSE "BenchCounters"."Count" + 1 END,
            "WindowEndsAt" = CASE WHEN "BenchCounters"."WindowEndsAt" <= @now THEN @expires ELSE "BenchCounters"."WindowEndsAt" END
        WHERE "BenchCounters"."WindowEndsAt" <= @now OR "BenchCounters"."Count" < @limit
        RETURNING "Count"
        """;

    private const string CounterOpensAt = """SELECT "WindowEndsAt" FROM "BenchCounters" WHERE "Key" = @key""";

    private const string CounterRefund = """UPDATE "BenchCounters" SET "Count" = "Count" - 1 WHERE "Key" = @key AND "Count" > 0""";

    public static async Task RunAsync()
    {
        using var postgres = ThrowawayPostgres.Start();
        var app = GatewayApplication.Build(
        [
            "--Gateway:Storage:Provider=Postgres",
            $"--ConnectionStrings:Gateway={postgres.ConnectionString("gateway")}",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await using (app)
        {
            await DatabaseMigrator.MigrateAsync(app.Services, default);
            var database = app.Services.GetRequiredService<GatewayDatabase>();
            await ExecuteAsync(database, """CREATE TABLE "BenchCounters" ("Key" varchar(160) PRIMARY KEY, "WindowEndsAt" bigint NOT NULL, "Count" int NOT NULL)""");
            var store = app.Services.GetRequiredService<DatabaseLoginBudgetStore>();

            Console.WriteLine($"PostgreSQL 15 on this machine; {Operations} operations per row; limit {Limit} per {Window.TotalMinutes} min; Environment.ProcessorCount={Environment.ProcessorCount}");
            Console.WriteLine("| scenario | option | operations/s | p50 ms | p99 ms | allowed |");
            Console.WriteLine("|---|---|---:|---:|---:|---:|");
            foreach (var (name, workers, oneKey, refund) in new[]
            {
                ("1 client, a new budget each time (allowed)", 1, false, false),
                ("16 concurrent, a new budget each time (allowed)", 16, false, false),
                ("16 concurrent on one budget (20 allowed, then refused)", 16, true, false),
                ("1 client, spend then give back (a correct password)", 1, false, true),
            })
            {
                await ExecuteAsync(database, """TRUNCATE "BenchCounters", "LoginAttempts", "LoginLocks" """);
                var counter = await MeasureAsync(workers, oneKey, key => CounterSpendAsync(database, key, refund), "A");
                var rows = await MeasureAsync(workers, oneKey, key => RowSpendAsync(store, key, refund), "B");
                Print(name, "A: counter row, conditional upsert", counter);
                Print(name, "B: unit rows, advisory lock (chosen)", rows);
            }
        }

        await MeasureSqliteAsync();
    }

    // On SQLite the lockout is B without the advisory lock (one writer, behind the write gate): what a login adds there.
    private static async Task MeasureSqliteAsync()
    {
        var folder = Directory.CreateTempSubdirectory("gateway-limits-").FullName;
        var app = GatewayApplication.Build(
        [
            $"--ConnectionStrings:Gateway=Data Source={Path.Combine(folder, "gateway.db")}",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await using (app)
        {
            await DatabaseMigrator.MigrateAsync(app.Services, default);
            var store = app.Services.GetRequiredService<DatabaseLoginBudgetStore>();
            foreach (var (name, workers, oneKey, refund) in new[]
            {
                ("1 client, spend then give back (a correct password)", 1, false, true),
                ("16 concurrent on one budget (20 allowed, then refused)", 16, true, false),
            })
            {
                Print(name, "B on SQLite (the lockout there)", await MeasureAsync(workers, oneKey, key => RowSpendAsync(store, key, refund), $"sqlite{workers}"));
            }
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private static void Print(string scenario, string option, (double PerSecond, double P50, double P99, int Allowed) result) =>
        Console.WriteLine($"| {scenario} | {option} | {result.PerSecond:F0} | {result.P50:F2} | {result.P99:F2} | {result.Allowed} |");

    private static async Task<(double, double, double, int)> MeasureAsync(int workers, bool oneKey, Func<string, Task<bool>> spend, string prefix)
    {
        // Warm the pool and the statements.
        for (var i = 0; i < 50; i++)
        {
            await spend($"warm|{prefix}|{i}");
        }

        var latencies = new double[Operations];
        var next = -1;
        var allowed = 0;
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < Operations)
            {
                var started = Stopwatch.GetTimestamp();
                if (await spend(oneKey ? $"one|{prefix}" : $"each|{prefix}|{index}"))
                {
                    Interlocked.Increment(ref allowed);
                }

                latencies[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }));
        total.Stop();
        Array.Sort(latencies);
        return (Operations / total.Elapsed.TotalSeconds, latencies[Operations / 2], latencies[(int)(Operations * 0.99)], allowed);
    }

    private static async Task<bool> RowSpendAsync(DatabaseLoginBudgetStore store, string key, bool refund)
    {
        var spend = await store.TrySpendAsync(key, Limit, Window, default);
        if (refund && spend.Allowed)
        {
            await store.RefundAsync(spend, default);
        }

        return spend.Allowed;
    }

    private static async Task<bool> CounterSpendAsync(GatewayDatabase database, string key, bool refund)
    {
        var now = DateTimeOffset.UtcNow;
        await using var connection = await database.OpenConnectionAsync(default);
        await using var command = Command(database, connection, CounterSpend, key, now);
        command.Parameters.Add(new NpgsqlParameter("expires", (now + Window).ToUnixTimeMilliseconds()));
        command.Parameters.Add(new NpgsqlParameter("limit", Limit));
        var allowed = await command.ExecuteScalarAsync() is not null;
        if (!allowed)
        {
            // A refusal says how long to wait: the window's end, read as the gateway reads its own.
            await using var opensAt = Command(database, connection, CounterOpensAt, key, now);
            await opensAt.ExecuteScalarAsync();
        }
        else if (refund)
        {
            await using var back = Command(database, connection, CounterRefund, key, now);
            await back.ExecuteNonQueryAsync();
        }

        return allowed;
    }

    private static NpgsqlCommand Command(GatewayDatabase database, System.Data.Common.DbConnection connection, string sql, string key, DateTimeOffset now)
    {
        var command = (NpgsqlCommand)database.CreateCommand(connection, sql);
        command.Parameters.Add(new NpgsqlParameter("key", key));
        command.Parameters.Add(new NpgsqlParameter("now", now.ToUnixTimeMilliseconds()));
        return command;
    }

    private static async Task ExecuteAsync(GatewayDatabase database, string sql)
    {
        await using var connection = await database.OpenConnectionAsync(default);
        await using var command = database.CreateCommand(connection, sql);
        await command.ExecuteNonQueryAsync();
    }
}
