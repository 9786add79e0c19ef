using Gateway.Admin;
using Gateway.Storage;
using Microsoft.Extensions.Configuration;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// Runs the admin CLI in-process against a database, as an admin would on the gateway's host: same database, hence
/// the same users, sessions, signing keys and Data Protection key ring as a gateway started on it.
/// </summary>
/// <remarks>
/// <c>keys rotate</c> and <c>keys revoke</c> wait two key ring reloads of the running gateways before they exit. The
/// gateways here reload on their fake clock, moved by the tests; so the CLI is told a 1 ms interval and does not wait
/// in real time, unless a test passes its own (Admin/KeyCommandsProcessTests, against a real gateway process).
/// </remarks>
internal static class AdminCliRunner
{
    private static readonly KeyValuePair<string, string?> NoKeyRingWait = new("Gateway:Tokens:KeyRingRefreshInterval", "00:00:00.001");

    public static Task<AdminCliResult> RunAsync(string databasePath, string? standardInput, params string[] args) =>
        RunAsync(StorageProvider.Sqlite, databasePath, standardInput, args);

    /// <summary>The same, with settings the admin's appsettings.json or environment would add.</summary>
    public static Task<AdminCliResult> RunWithSettingsAsync(string databasePath, IReadOnlyDictionary<string, string?> settings,
        string? standardInput, params string[] args) =>
        RunAsync(StorageProvider.Sqlite, databasePath, settings, standardInput, args);

    /// <param name="database">The SQLite file, or the database name on the run's shared PostgreSQL server.</param>
    public static Task<AdminCliResult> RunAsync(StorageProvider provider, string database, string? standardInput, params string[] args) =>
        RunAsync(provider, database, new Dictionary<string, string?>(), standardInput, args);

    private static async Task<AdminCliResult> RunAsync(StorageProvider provider, string database, IReadOnlyDictionary<string, string?> extra,
        string? standardInput, params string[] args)
    {
        using var input = new StringReader(standardInput ?? "");
        await using var output = new StringWriter();
        await using var error = new StringWriter();
        var settings = provider == StorageProvider.Postgres
            ? TestPostgres.Settings(TestPostgres.Server, database)
            : new Dictionary<string, string?> { ["ConnectionStrings:Gateway"] = $"Data Source={database}" };

        var exitCode = await AdminCli.RunAsync(args, new AdminConsole(input, output, error),
            configuration => configuration.AddInMemoryCollection(
                settings.Prepend(NoKeyRingWait).Concat(extra).GroupBy(setting => setting.Key).Select(same => same.Last())));

        return new AdminCliResult(exitCode, output.ToString(), error.ToString());
    }
}
