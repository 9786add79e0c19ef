using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Storage;

/// <summary>
/// Brings the schema up to date before anything else starts. EF Core takes a database-wide migration lock,
/// so instances starting together on an empty database do not race.
/// </summary>
internal sealed class DatabaseMigrator(IServiceScopeFactory scopeFactory, GatewayDatabase database, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await MigrateAsync(scopeFactory, database, cancellationToken);
        StorageLog.DatabaseReady(logger, database.Provider);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static async Task MigrateAsync(IServiceScopeFactory scopeFactory, GatewayDatabase database, CancellationToken cancellationToken)
    {
        if (database.Provider == StorageProvider.Sqlite)
        {
            EnsureSqliteFolder(database.ConnectionString);
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        await context.Database.MigrateAsync(cancellationToken);

        if (database.Provider == StorageProvider.Sqlite)
        {
            // WAL is a property of the file: set once, every later connection uses it.
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
            RestrictToOwner(database.ConnectionString);
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
