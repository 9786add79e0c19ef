using Microsoft.Data.Sqlite;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// Takes the SQLite database away (files moved aside, pooled connections closed) until disposed, then puts it
/// back: every query in between fails the way a lost database does.
/// </summary>
internal sealed class DatabaseOutage : IDisposable
{
    private static readonly string[] Suffixes = ["", "-wal", "-shm"];

    private readonly string _path;

    private DatabaseOutage(string path) => _path = path;

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
        return new DatabaseOutage(databasePath);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_path, recursive: true);
        foreach (var suffix in Suffixes)
        {
            if (File.Exists(_path + suffix + ".away"))
            {
                File.Move(_path + suffix + ".away", _path + suffix);
            }
        }
    }
}
