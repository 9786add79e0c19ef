using Microsoft.Data.Sqlite;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// Takes the database away until disposed, then puts it back: every query in between fails the way a lost
/// database does. SQLite: the files are moved aside and pooled connections closed. PostgreSQL: the gateway's
/// own server is stopped at once (as a crash would) and started again.
/// </summary>
internal sealed class DatabaseOutage : IDisposable
{
    private static readonly string[] Suffixes = ["", "-wal", "-shm"];

    private readonly Action _restore;

    private DatabaseOutage(Action restore) => _restore = restore;

    public static DatabaseOutage Begin(GatewayFactory gateway)
    {
        if (gateway.Postgres is not { } server)
        {
            return Begin(gateway.DatabasePath);
        }

        if (server == TestPostgres.Server)
        {
            throw new InvalidOperationException("An outage on the shared PostgreSQL server would break every other test: give the gateway its own server.");
        }

        server.StopServer();
        return new DatabaseOutage(server.StartServer);
    }

    public static DatabaseOutage Begin(string databasePath)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in Suffixes)
        {
            if (File.Exists(databasePath + suffix))
            {
                File.Move(databasePath + suffix, databasePath + suffix + ".away");
            }
        }

        // A connection attempt during the outage would create an empty database in its place: make that fail too.
        Directory.CreateDirectory(databasePath);
        return new DatabaseOutage(() => Restore(databasePath));
    }

    public void Dispose() => _restore();

    private static void Restore(string path)
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(path, recursive: true);
        foreach (var suffix in Suffixes)
        {
            if (File.Exists(path + suffix + ".away"))
            {
                File.Move(path + suffix + ".away", path + suffix);
            }
        }
    }
}
