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
        var sqliteFile = database.Provider == StorageProvider.Sqlite ? FileOf(database.ConnectionString) : null;
        if (sqliteFile is not null)
        {
            CreateOwnerOnly(sqliteFile);
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        await context.Database.MigrateAsync(cancellationToken);

        if (sqliteFile is not null)
        {
            // WAL is a property of the file: set once, every later connection uses it.
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
            RestrictToOwner(sqliteFile);
        }
    }

    /// <summary>
    /// The file holds password hashes and the Data Protection key ring (which decrypts every cookie and signing key),
    /// and its -wal file holds the latest pages of both: only the account running the gateway may read them.
    /// A missing folder is made 0700 and a missing file 0600 before SQLite opens it; SQLite gives the -wal and -shm
    /// files it creates the database file's mode.
    /// </summary>
    private static void CreateOwnerOnly(string path)
    {
        if (File.Exists(path))
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder!);
            return;
        }

        if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        try
        {
            // An empty file is an empty SQLite database.
            using var file = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another instance starting on the same new database made it first.
        }
    }

    /// <summary>The database file a SQLite connection string names; null for in-memory databases.</summary>
    private static string? FileOf(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var path = builder.DataSource;
        return builder.Mode == SqliteOpenMode.Memory || path.Length == 0 || path == ":memory:"
            || path.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            ? null
            : path;
    }

    /// <summary>Also on every start: files made before this rule, or restored by an operator, get owner-only too.</summary>
    private static void RestrictToOwner(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            if (File.Exists(file))
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
    }
}
