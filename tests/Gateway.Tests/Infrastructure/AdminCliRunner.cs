using Gateway.Admin;
using Microsoft.Extensions.Configuration;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// Runs the admin CLI in-process against a database file, as an admin would on the gateway's host: same file,
/// hence the same users, sessions, signing keys and Data Protection key ring as a gateway started on it.
/// </summary>
internal static class AdminCliRunner
{
    public static Task<AdminCliResult> RunAsync(string databasePath, string? standardInput, params string[] args) =>
        RunWithSettingsAsync(databasePath, new Dictionary<string, string?>(), standardInput, args);

    /// <summary>The same, with settings the admin's appsettings.json or environment would add.</summary>
    public static async Task<AdminCliResult> RunWithSettingsAsync(string databasePath, IReadOnlyDictionary<string, string?> settings,
        string? standardInput, params string[] args)
    {
        using var input = new StringReader(standardInput ?? "");
        await using var output = new StringWriter();
        await using var error = new StringWriter();

        var exitCode = await AdminCli.RunAsync(args, new AdminConsole(input, output, error),
            configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings)
            {
                ["ConnectionStrings:Gateway"] = $"Data Source={databasePath}",
            }));

        return new AdminCliResult(exitCode, output.ToString(), error.ToString());
    }
}
