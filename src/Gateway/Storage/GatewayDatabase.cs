using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Gateway.Storage;

/// <summary>
/// Raw connections for the few statements that must be lean (the refresh path), on the same database and with
/// the same per-connection settings as the EF Core context. On PostgreSQL one data source (one pool) serves both.
/// </summary>
internal sealed class GatewayDatabase(StorageProvider provider, string connectionString) : IAsyncDisposable
{
    private const int MaxAttempts = 3;

    private readonly NpgsqlDataSource? _dataSource = provider == StorageProvider.Postgres ? NpgsqlDataSource.Create(connectionString) : null;
    private long _commandsExecuted;

    public StorageProvider Provider { get; } = provider;

    public string ConnectionString { get; } = connectionString;

    /// <summary>The PostgreSQL data source EF Core shares; only for <see cref="StorageProvider.Postgres"/>.</summary>
    public NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException($"Storage provider {Provider} has no Npgsql data source.");

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
        if (_dataSource is not null)
        {
            return await _dataSource.OpenConnectionAsync(cancellationToken);
        }

        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await SqliteConnectionSetup.ApplyAsync(connection, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="operation"/> again, twice at most, after a transient failure (a pooled connection the
    /// server closed, a restart). Only for operations that are safe to repeat: reads, and writes whose repetition
    /// the database arbitrates.
    /// </summary>
    public async Task<T> RetryTransientAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        // SQLite fails for good or waits inside busy_timeout; only PostgreSQL has transient failures to retry.
        var attempts = Provider == StorageProvider.Postgres ? MaxAttempts : 1;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await operation(cancellationToken);
            }
            catch (Exception exception) when (attempt < attempts && DatabaseFailures.IsTransient(exception))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), cancellationToken);
            }
        }
    }

    public ValueTask DisposeAsync() => _dataSource?.DisposeAsync() ?? ValueTask.CompletedTask;
}
