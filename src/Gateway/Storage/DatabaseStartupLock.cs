using Npgsql;

namespace Gateway.Storage;

/// <summary>
/// Serializes start-up work across every instance on one PostgreSQL database: the schema migration, the first
/// Data Protection key and the first signing key. Instances starting together on an empty database would
/// otherwise each create their own key ring. A session-level advisory lock, held on its own connection, is
/// released by the server if the holder dies. SQLite needs none: its file lock and EF Core's migration lock
/// serialize the migration, and one machine's instances start from one file.
/// </summary>
internal sealed class DatabaseStartupLock(GatewayDatabase database)
{
    // Any constant shared by every instance; "gateway" in ASCII.
    private const long LockKey = 0x67_61_74_65_77_61_79;

    private static readonly TimeSpan WaitTimeout = TimeSpan.FromMinutes(10);

    public async Task RunAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        if (database.Provider != StorageProvider.Postgres)
        {
            await work(cancellationToken);
            return;
        }

        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        // Waits while another instance migrates, far longer than the connection string's command timeout (made for requests).
        await ExecuteAsync(connection, "SELECT pg_advisory_lock(@key)", cancellationToken, WaitTimeout);
        try
        {
            await work(cancellationToken);
        }
        finally
        {
            // Unlock explicitly: a connection back in the pool keeps its session, and the lock, until it is next used.
            await ExecuteAsync(connection, "SELECT pg_advisory_unlock(@key)", CancellationToken.None);
        }
    }

    private async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        await using var command = database.CreateCommand(connection, sql);
        if (timeout is { } wait)
        {
            command.CommandTimeout = (int)wait.TotalSeconds;
        }

        command.Parameters.Add(new NpgsqlParameter("key", LockKey));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
