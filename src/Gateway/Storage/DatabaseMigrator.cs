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
    private static readonly TimeSpan MigrationTimeout = TimeSpan.FromMinutes(10);

    /// <summary>
    /// At the gateway's start a database it cannot open or reach is the operator's to fix: one line, no stack trace
    /// (the admin CLI, which migrates too, reports it with its own exit code).
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await MigrateAsync(services, cancellationToken);
        }
        catch (Exception exception) when (DatabaseFailures.IsUnavailable(exception))
        {
            throw new DatabaseStartupException(DatabaseFailures.Unreachable(exception));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException
            && database.Provider == StorageProvider.Sqlite && FileOf(database.ConnectionString) is { } file)
        {
            throw new DatabaseStartupException($"The SQLite database {Path.GetFullPath(file)} could not be created: {exception.Message} " +
                "Check Gateway:Storage:DataPath or ConnectionStrings:Gateway, and that the gateway's user may write to that folder.");
        }

        StorageLog.DatabaseReady(logger, database.Provider);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var database = services.GetRequiredService<GatewayDatabase>();
        var sqliteFile = database.Provider == StorageProvider.Sqlite ? FileOf(database.ConnectionString) : null;
        if (sqliteFile is not null)
        {
            CreateOwnerOnly(sqliteFile);
        }

        await using var scope = services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        if (database.Provider == StorageProvider.Postgres)
        {
            // The connection string's command timeout is set for requests (seconds); a migration may rewrite a table.
            context.Database.SetCommandTimeout(MigrationTimeout);
            await EnsurePostgresDatabaseAsync(context, cancellationToken);
        }

        await services.GetRequiredService<DatabaseStartupLock>().RunAsync(ct => context.Database.MigrateAsync(ct), cancellationToken);

        if (sqliteFile is not null)
        {
            // WAL is a property of the file: set once, every later connection uses it.
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
            RestrictToOwner(sqliteFile);
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
