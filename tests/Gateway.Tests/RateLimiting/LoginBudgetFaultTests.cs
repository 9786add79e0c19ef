using System.Data.Common;
using System.Net;
using Gateway.Storage;
using Gateway.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Gateway.Tests.RateLimiting;

/// <summary>
/// A database fault on the limiter path (decision 0010): the login answers 503 with Retry-After, checks no password
/// (no floodgate: a guess the lockout cannot count is not made) and counts nothing (no lockout of the owner once the
/// database is back). The fault: another process holding the write lock on the budgets, longer than the gateway waits.
/// </summary>
public abstract class LoginBudgetFaultTests : ProviderTests
{
    private protected LoginBudgetFaultTests(StorageProvider provider)
        : base(provider)
    {
    }

    [Fact]
    public async Task Login_BudgetsCannotBeWritten_Answers503ChecksNoPasswordAndCountsNothing()
    {
        await using var gateway = Gateway();
        await gateway.CreateUserAsync("alice");
        using var owner = gateway.CreateBrowser();

        HttpResponseMessage guess, rightOne;
        await using (await HoldBudgetWriteLockAsync(gateway))
        {
            guess = await gateway.CreateBrowser().LoginAsync("alice", "guess guess guess");
            rightOne = await owner.LoginAsync("alice", GatewayFactory.Password);
        }

        var afterwards = await owner.LoginAsync("alice", GatewayFactory.Password);

        await ProblemAssert.IsAsync(guess, HttpStatusCode.ServiceUnavailable, "database-unavailable");
        await ProblemAssert.IsAsync(rightOne, HttpStatusCode.ServiceUnavailable, "database-unavailable");
        Assert.NotNull(rightOne.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
    }

    // One counted failure would lock (MaxFailedAttempts 1), so the answer afterwards shows whether the guess counted.
    private GatewayFactory Gateway()
    {
        var settings = new Dictionary<string, string?> { ["Gateway:Lockout:MaxFailedAttempts"] = "1" };
        if (Provider == StorageProvider.Sqlite)
        {
            return new GatewayFactory(settings: settings);
        }

        // The gateway's commands give up after 2 s (its default is Npgsql's 30 s) so the test waits seconds, not minutes.
        var database = TestPostgres.NewDatabaseName();
        settings["ConnectionStrings:Gateway"] = TestPostgres.Server.ConnectionString(database) + ";Command Timeout=2";
        return new GatewayFactory(settings: settings, databasePath: database, provider: Provider);
    }

    private async Task<IAsyncDisposable> HoldBudgetWriteLockAsync(GatewayFactory gateway)
    {
        DbConnection connection = Provider == StorageProvider.Postgres
            ? new NpgsqlConnection(gateway.Postgres!.ConnectionString(gateway.DatabasePath))
            : new SqliteConnection($"Data Source={gateway.DatabasePath};Pooling=False");
        await connection.OpenAsync();

        // SQLite: BEGIN IMMEDIATE takes the database's one write lock. PostgreSQL: EXCLUSIVE blocks every insert into
        // the budgets and no read.
        var transaction = await connection.BeginTransactionAsync();
        if (Provider == StorageProvider.Postgres)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """LOCK TABLE "LoginAttempts" IN EXCLUSIVE MODE""";
            await command.ExecuteNonQueryAsync();
        }

        return new WriteLock(connection, transaction);
    }

    private sealed class WriteLock(DbConnection connection, DbTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await connection.DisposeAsync();
        }
    }

    public sealed class OnSqlite() : LoginBudgetFaultTests(StorageProvider.Sqlite);

    public sealed class OnPostgres() : LoginBudgetFaultTests(StorageProvider.Postgres);
}
