using Gateway.Tests.Infrastructure;

namespace Gateway.Tests;

/// <summary>
/// The executable's command line as an operator types it: asking for help never starts anything, and a command that
/// does not exist is refused in one line instead of starting the gateway.
/// </summary>
public sealed class ProgramCommandLineTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public async Task Main_Help_PrintsTheUsageWithEveryCommandAndStartsNothing(string help)
    {
        await using var gateway = Start(help);

        var (exitCode, output, error) = await gateway.WaitForExitAsync();

        Assert.Equal(0, exitCode);
        Assert.Empty(error);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        Assert.All(new[] { "users", "sessions", "keys", "audit", "--urls" }, word => Assert.Contains(word, output, StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(gateway.WorkingFolder, "data")), "The help started the gateway: it created its database.");
    }

    [Theory]
    [InlineData("users", "--help")]
    [InlineData("help", "users")]
    [InlineData("users")]
    public async Task Main_HelpOfACommand_PrintsItsSubcommandsAndStartsNothing(params string[] arguments)
    {
        await using var gateway = Start(arguments);

        var (exitCode, output, error) = await gateway.WaitForExitAsync();

        Assert.Equal(0, exitCode);
        Assert.Empty(error);
        Assert.All(new[] { "Usage:", "add", "list", "remove", "set-password" }, word => Assert.Contains(word, output, StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(gateway.WorkingFolder, "data")));
    }

    [Fact]
    public async Task Main_UnknownCommand_Exits1WithOneLineNamingTheKnownOnesAndStartsNothing()
    {
        await using var gateway = Start("user", "list");

        var (exitCode, output, error) = await gateway.WaitForExitAsync();

        Assert.Equal(1, exitCode);
        Assert.Empty(output);
        var line = Assert.Single(DotnetProcess.Lines(error));
        Assert.StartsWith("gateway: unknown command 'user'; the commands are users, sessions, keys, audit", line, StringComparison.Ordinal);
        Assert.Contains("help", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(gateway.WorkingFolder, "data")));
    }

    private static DotnetProcess Start(params string[] arguments) => DotnetProcess.Start("Gateway.dll", new Dictionary<string, string>
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
    }, arguments);
}
