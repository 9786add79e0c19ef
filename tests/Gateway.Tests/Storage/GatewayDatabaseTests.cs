using Gateway.Storage;
using Npgsql;

namespace Gateway.Tests.Storage;

/// <summary>The refresh path's retry: repeated after a transient PostgreSQL failure, never after a bug, never on SQLite.</summary>
public sealed class GatewayDatabaseTests
{
    [Theory]
    [InlineData("57P01")] // admin_shutdown: a restarting server closed the connection mid-statement
    [InlineData("57P03")] // cannot_connect_now: the server is still starting
    public async Task RetryTransient_PostgresFailsOnceTransiently_AnswersFromTheSecondAttempt(string sqlState)
    {
        await using var database = new GatewayDatabase(StorageProvider.Postgres, "Host=127.0.0.1;Database=none");
        var attempts = 0;

        var answer = await database.RetryTransientAsync(_ => ++attempts == 1
            ? throw new PostgresException("closing", "FATAL", "FATAL", sqlState)
            : Task.FromResult("rotated"), default);

        Assert.Equal("rotated", answer);
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task RetryTransient_PostgresKeepsFailing_GivesUpAfterThreeAttempts()
    {
        await using var database = new GatewayDatabase(StorageProvider.Postgres, "Host=127.0.0.1;Database=none");
        var attempts = 0;

        await Assert.ThrowsAsync<PostgresException>(() => database.RetryTransientAsync<string>(_ =>
        {
            attempts++;
            throw new PostgresException("closing", "FATAL", "FATAL", "57P01");
        }, default));

        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task RetryTransient_UniqueViolation_IsNotRepeated()
    {
        await using var database = new GatewayDatabase(StorageProvider.Postgres, "Host=127.0.0.1;Database=none");
        var attempts = 0;

        await Assert.ThrowsAsync<PostgresException>(() => database.RetryTransientAsync<string>(_ =>
        {
            attempts++;
            throw new PostgresException("duplicate key", "ERROR", "ERROR", "23505");
        }, default));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task RetryTransient_Sqlite_NeverRepeats()
    {
        await using var database = new GatewayDatabase(StorageProvider.Sqlite, "Data Source=unused.db");
        var attempts = 0;

        await Assert.ThrowsAsync<NpgsqlException>(() => database.RetryTransientAsync<string>(_ =>
        {
            attempts++;
            throw new NpgsqlException("transient", new TimeoutException());
        }, default));

        Assert.Equal(1, attempts);
    }
}
