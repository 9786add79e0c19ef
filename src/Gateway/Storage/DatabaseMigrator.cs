using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Gateway.Storage;

/// <summary>
/// Brings the schema up to date before anything else starts. Instances starting together on an empty database
/// do not race: on SQLite EF Core's migration lock serializes them, on PostgreSQL the start-up advisory lock
/// (EF Core's own lock there is a table lock on the history table, which does not cover creating that table).
/// </summary>
internal sealed class DatabaseMigrator(IServiceProvider services, GatewayDatabase database, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await MigrateAsync(services, cancellationToken);
        StorageLog.DatabaseReady(logger, database.Provider);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var database = services.GetRequiredService<GatewayDatabase>();
        if (database.Provider == StorageProvider.Sqlite)
        {
            EnsureSqliteFolder(database.ConnectionString);
        }

        await using var scope = services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        if (database.Provider == StorageProvider.Postgres)
        {
            await EnsurePostgresDatabaseAsync(context, cancellationToken);
        }

        await services.GetRequiredService<DatabaseStartupLock>().RunAsync(ct => context.Database.MigrateAsync(ct), cancellationToken);

        if (database.Provider == StorageProvider.Sqlite)
        {
            // WAL is a property of the file: set once, every later connection uses it.
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
            RestrictToOwner(database.ConnectionString);
        }
    }

    /// <summary>
    /// The advisory lock needs the database to exist. Create it when the account may; two instances creating it
    /// at once both go on (the loser's CREATE DATABASE fails with a duplicate).
    /// </summary>
    private static async Task EnsurePostgresDatabaseAsync(GatewayDbContext context, CancellationToken cancellationToken)
    {
        var creator = context.Database.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(cancellationToken))
        {
            return;
        }

        try
        {
            await creator.CreateAsync(cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another instance created it a moment ago.
        }
    }

    /// <summary>
    /// The file holds password hashes and the Data Protection key ring (which decrypts every cookie): only the
    /// account running the gateway may read it. SQLite gives its -wal and -shm files the same mode.
    /// </summary>
    private static void RestrictToOwner(string connectionString)
    {
        var path = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (!OperatingSystem.IsWindows() && File.Exists(path))
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static void EnsureSqliteFolder(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}
