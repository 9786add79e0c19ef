using Microsoft.Data.Sqlite;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// A fresh SQLite file per test under the temp folder; each test owns its database. Gateways start from a copy
/// of one migrated template that already holds a signing key and a Data Protection key: the copy costs a file
/// copy, where migrating and generating keys cost most of a gateway's start-up.
/// </summary>
internal static class TestDatabase
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "gateway-tests");
    private static readonly Lazy<string> Template = new(CreateTemplate, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string NewPath()
    {
        Directory.CreateDirectory(Folder);
        return Path.Combine(Folder, $"{Guid.NewGuid():N}.db");
    }

    /// <summary>Puts a copy of the template at <paramref name="path"/> unless a database is already there.</summary>
    public static void CopyTemplateTo(string path)
    {
        if (!File.Exists(path))
        {
            File.Copy(Template.Value, path);
        }
    }

    private static string CreateTemplate()
    {
        var path = NewPath();
        using (var gateway = new GatewayFactory(databasePath: path) { FreshDatabase = true })
        {
            _ = gateway.Server;
        }

        // Fold the write-ahead log into the file so the copy is complete on its own.
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            command.ExecuteNonQuery();
        }

        return path;
    }
}
