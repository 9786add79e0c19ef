using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Gateway.Storage;

/// <summary>
/// Tells a database that cannot answer (a 503: nothing was decided, retry later) from a bug that happens to
/// surface as a database error (a constraint violated, a statement the schema does not know: a 500 that must
/// stay visible).
/// </summary>
internal static class DatabaseFailures
{
    private const int SqliteConstraint = 19;

    /// <summary>The database could not be reached or could not answer; the caller changed nothing it knows of.</summary>
    public static bool IsUnavailable(Exception exception) => Innermost(exception) switch
    {
        PostgresException postgres => IsServerUnavailable(postgres.SqlState),
        NpgsqlException => true,
        SqliteException sqlite => sqlite.SqliteErrorCode != SqliteConstraint,
        DbException or TimeoutException => true,
        _ => false,
    };

    /// <summary>
    /// Worth trying again at once: a broken pooled connection, a server restarting, a serialization conflict. Never a
    /// timeout: a server that did not answer within the command timeout will not answer the next attempt either, and
    /// retrying it multiplied the wait before the 503 (3 × 30 s on a black-holed server).
    /// </summary>
    public static bool IsTransient(Exception exception) => Innermost(exception) switch
    {
        NpgsqlException { InnerException: TimeoutException } => false,
        // Npgsql does not count these as transient (it cannot know the server is back), but a pooled connection
        // that a restarted or administering server closed fails exactly so, and a fresh connection succeeds.
        PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow } => true,
        NpgsqlException npgsql => npgsql.IsTransient,
        _ => false,
    };

    // Class 08 connection exception, 53 insufficient resources, 57 operator intervention (shutdown, starting up),
    // 40 transaction rollback (serialization failure, deadlock), 3D000 the database is gone, 25006 read-only
    // transaction (a demoted primary, a standby, a failover in progress: it takes writes again once it is over).
    private static bool IsServerUnavailable(string sqlState) =>
        sqlState == PostgresErrorCodes.ReadOnlySqlTransaction
        || sqlState.StartsWith("08", StringComparison.Ordinal)
        || sqlState.StartsWith("53", StringComparison.Ordinal)
        || sqlState.StartsWith("57", StringComparison.Ordinal)
        || sqlState.StartsWith("40", StringComparison.Ordinal)
        || sqlState == PostgresErrorCodes.InvalidCatalogName;

    /// <summary>What the driver said, without EF Core's wrappers: "Failed to connect to 127.0.0.1:5432 (Connection refused)".</summary>
    public static string Describe(Exception exception)
    {
        var failure = Innermost(exception);
        return failure.InnerException is { } cause ? $"{failure.Message} ({cause.Message})" : failure.Message;
    }

    /// <summary>The one line an operator reads when the gateway or the admin CLI cannot reach the database.</summary>
    public static string Unreachable(Exception exception) =>
        $"The database could not be reached: {Describe(exception)}. Check ConnectionStrings:Gateway and that the server is up.";

    // EF Core wraps provider errors (DbUpdateException, InvalidOperationException from its execution strategy).
    private static Exception Innermost(Exception exception)
    {
        var current = exception;
        while (current is not DbException and not TimeoutException && current.InnerException is { } inner)
        {
            current = inner;
        }

        return current;
    }
}
