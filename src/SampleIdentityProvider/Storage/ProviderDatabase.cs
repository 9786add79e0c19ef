using Microsoft.Data.Sqlite;

namespace SampleIdentityProvider.Storage;

/// <summary>
/// The SQLite database: a file in <c>DataDirectory</c>, or a shared in-memory database that lives as long as this
/// object keeps one connection to it open (each DbContext still opens its own, so requests run concurrently).
/// </summary>
internal sealed class ProviderDatabase : IDisposable
{
    private readonly SqliteConnection? _keepAlive;

    public ProviderDatabase(string? dataDirectory)
    {
        if (dataDirectory is null)
        {
            ConnectionString = new SqliteConnectionStringBuilder
            {
                DataSource = "sample-identity-provider-" + Guid.NewGuid().ToString("N"),
                Mode = SqliteOpenMode.Memory,
                Cache = SqliteCacheMode.Shared,
            }.ToString();
            _keepAlive = new SqliteConnection(ConnectionString);
            _keepAlive.Open();
        }
        else
        {
            Directory.CreateDirectory(dataDirectory);
            ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "provider.db") }.ToString();
        }
    }

    public string ConnectionString { get; }

    public void Dispose() => _keepAlive?.Dispose();
}
