using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Gateway.Storage;

/// <summary>
/// Raw connections for the few statements that must be lean (the refresh path), on the same database and with
/// the same per-connection settings as the EF Core context.
/// </summary>
internal sealed class GatewayDatabase(StorageProvider provider, string connectionString)
{
    private long _commandsExecuted;

    public StorageProvider Provider { get; } = provider;

    public string ConnectionString { get; } = connectionString;

    /// <summary>Commands sent to the database by this process, EF Core's and raw ones: the hot path must add none.</summary>
    public long CommandsExecuted => Interlocked.Read(ref _commandsExecuted);

    public void CountCommand() => Interlocked.Increment(ref _commandsExecuted);

    public DbCommand CreateCommand(DbConnection connection, string sql)
    {
        CountCommand();
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    public async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = Provider switch
        {
            StorageProvider.Sqlite => new SqliteConnection(ConnectionString),
            _ => throw new NotSupportedException($"Storage provider {Provider} has no raw connection factory."),
        };
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (Provider == StorageProvider.Sqlite)
            {
                await SqliteConnectionSetup.ApplyAsync(connection, cancellationToken);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
