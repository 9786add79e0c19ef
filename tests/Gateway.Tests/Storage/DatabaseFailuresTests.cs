using System.Net.Sockets;
using Gateway.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Gateway.Tests.Storage;

public sealed class DatabaseFailuresTests
{
    [Theory]
    [InlineData("57P01")] // admin_shutdown: the server is stopping
    [InlineData("57P03")] // cannot_connect_now: the server is starting
    [InlineData("08006")] // connection_failure
    [InlineData("53300")] // too_many_connections
    [InlineData("40001")] // serialization_failure
    public void IsUnavailable_ServerCannotAnswer_IsA503(string sqlState)
    {
        var failure = new PostgresException("server says no", "FATAL", "FATAL", sqlState);

        Assert.True(DatabaseFailures.IsUnavailable(failure));
    }

    // A demoted primary, a standby or a failover in progress refuses writes; it is a 503 until it takes them again.
    [Fact]
    public void IsUnavailable_ReadOnlyTransaction_IsA503()
    {
        var failure = new DbUpdateException("save failed",
            new PostgresException("cannot execute INSERT in a read-only transaction", "ERROR", "ERROR", "25006"));

        Assert.True(DatabaseFailures.IsUnavailable(failure));
    }

    // A server that did not answer within the command timeout will not answer a retry either: retrying multiplied the wait.
    [Fact]
    public void IsTransient_CommandTimeout_IsA503ButNotRetried()
    {
        var failure = new NpgsqlException("Exception while reading from stream", new TimeoutException("Timeout during reading attempt"));

        Assert.True(DatabaseFailures.IsUnavailable(failure));
        Assert.False(DatabaseFailures.IsTransient(failure));
    }

    [Fact]
    public void IsUnavailable_ConnectionRefused_IsA503AndTransient()
    {
        var failure = new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused));

        Assert.True(DatabaseFailures.IsUnavailable(failure));
        Assert.True(DatabaseFailures.IsTransient(failure));
    }

    [Theory]
    [InlineData("23505")] // unique_violation
    [InlineData("23503")] // foreign_key_violation
    [InlineData("42P01")] // undefined_table: a schema the code does not match
    [InlineData("42601")] // syntax_error
    public void IsUnavailable_BugSurfacingAsDatabaseError_StaysA500(string sqlState)
    {
        var failure = new DbUpdateException("save failed", new PostgresException("bug", "ERROR", "ERROR", sqlState));

        Assert.False(DatabaseFailures.IsUnavailable(failure));
        Assert.False(DatabaseFailures.IsTransient(failure));
    }

    [Fact]
    public void IsUnavailable_SqliteConstraintViolation_StaysA500()
    {
        var failure = new DbUpdateException("save failed", new SqliteException("UNIQUE constraint failed", 19));

        Assert.False(DatabaseFailures.IsUnavailable(failure));
    }

    [Fact]
    public void IsUnavailable_SqliteCannotOpenTheFile_IsA503()
    {
        var failure = new SqliteException("unable to open database file", 14);

        Assert.True(DatabaseFailures.IsUnavailable(failure));
    }
}
