using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Gateway.Storage;

/// <summary>
/// Per-connection SQLite settings. WAL (set once, persistent in the file) lets readers go on while one
/// writer commits; synchronous=NORMAL is the documented safe pairing with WAL (no corruption, at most the
/// last commits lost on power failure); busy_timeout makes a writer from another process (the CLI, a second
/// instance) wait inside SQLite with short back-offs instead of failing.
/// </summary>
internal sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    /// <summary>
    /// Seconds a command may wait for a lock, unless the connection string says otherwise. Microsoft.Data.Sqlite
    /// retries a busy command for its own default of 30 s after busy_timeout gave up: a locked database would hang
    /// requests for 35 s before their 503.
    /// </summary>
    public const int DefaultTimeoutSeconds = 5;

    private const string PerConnectionPragmas = "PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;";

    public static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = PerConnectionPragmas;
        command.ExecuteNonQuery();
    }

    public static async Task ApplyAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = PerConnectionPragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static string WithDefaults(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = true, ForeignKeys = true };
        if (!NamesATimeout(connectionString))
        {
            builder.DefaultTimeout = DefaultTimeoutSeconds;
        }

        return builder.ToString();
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default) =>
        ApplyAsync(connection, cancellationToken);

    private static bool NamesATimeout(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return given.ContainsKey("Default Timeout") || given.ContainsKey("DefaultTimeout") || given.ContainsKey("Command Timeout");
    }
}
