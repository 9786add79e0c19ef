using System.Runtime.Versioning;
using Gateway.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Gateway.Tests.Storage;

/// <summary>
/// The database holds the Data Protection key ring unencrypted, and SQLite's write-ahead log holds its latest
/// pages: the folder and all three files are for the gateway's account only. (CI runs on Linux.)
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class DatabaseMigratorTests
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task Start_NewDatabase_FolderAndDatabaseFilesAreOwnerOnly()
    {
        var folder = Path.Combine(Path.GetTempPath(), "gateway-tests", Guid.NewGuid().ToString("N"), "data");
        var database = Path.Combine(folder, "gateway.db");
        await using var gateway = new GatewayFactory(databasePath: database) { FreshDatabase = true };

        await gateway.CreateUserAsync("alice");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(database));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(database + "-wal"));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(database + "-shm"));
    }

    // A database from before the fix (or copied in by an operator) still has readable -wal and -shm files.
    [Fact]
    public async Task Start_ExistingReadableWriteAheadLog_IsMadeOwnerOnly()
    {
        var database = TestDatabase.NewPath();
        // SQLite deletes the -wal when the last connection closes, and other tests clear every pool in the process:
        // a connection of this test's own keeps the readable -wal there until the second start has seen it.
        await using var holder = new SqliteConnection($"Data Source={database};Pooling=False");
        await using (var first = new GatewayFactory(databasePath: database))
        {
            await first.CreateUserAsync("alice");
            await holder.OpenAsync();
            await using var read = holder.CreateCommand();
            read.CommandText = "SELECT count(*) FROM sqlite_master";
            await read.ExecuteScalarAsync();
            File.SetUnixFileMode(database + "-wal", OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        await using var second = new GatewayFactory(databasePath: database);
        await second.CreateUserAsync("bob");

        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(database + "-wal"));
    }
}
