using Gateway.Storage;
using Gateway.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// A test class whose tests run once per storage provider: the class is abstract, and a nested <c>OnSqlite</c>
/// and <c>OnPostgres</c> run every test against that provider. Gateways, databases and CLI runs made through
/// these helpers use it.
/// </summary>
public abstract class ProviderTests
{
    private protected ProviderTests(StorageProvider provider) => Provider = provider;

    private protected StorageProvider Provider { get; }

    private protected GatewayFactory NewGateway(RecordingDownstream? downstream = null, Dictionary<string, string?>? settings = null,
        string? databasePath = null, FakeTimeProvider? clock = null, ThrowawayPostgres? postgres = null) =>
        new(downstream, settings, databasePath, clock, Provider, postgres);

    /// <summary>A database nobody has used yet (for the CLI): a new SQLite path or PostgreSQL database name.</summary>
    private protected string NewDatabase() => Provider == StorageProvider.Postgres ? TestPostgres.NewDatabaseName() : TestDatabase.NewPath();

    private protected Task<AdminCliResult> CliAsync(string database, string? standardInput, params string[] args) =>
        AdminCliRunner.RunAsync(Provider, database, standardInput, args);
}
