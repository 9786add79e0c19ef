using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Admin;

public sealed class AdminCliTests
{
    [Theory]
    [InlineData("frobnicate")]
    [InlineData("users", "frobnicate")]
    [InlineData("users", "add")]
    [InlineData("users", "add", "bob", "--password-stdin", "--colour", "red")]
    [InlineData("users", "remove", "bob", "carol")]
    [InlineData("keys", "rotate", "--later")]
    [InlineData("keys", "list", "--now")]
    public async Task Run_UnknownCommandOrBadArguments_ExitsNonZeroWithOneErrorLine(params string[] args)
    {
        var database = TestDatabase.NewPath();

        var result = await AdminCliRunner.RunAsync(database, GatewayFactory.Password, args);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Single(result.ErrorLines);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task Run_UnreachableDatabase_Exits2WithOneErrorLine()
    {
        // A folder where the database file should be: SQLite cannot open it, which is broken infrastructure, not a user error.
        var database = Path.Combine(Path.GetTempPath(), "gateway-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(database);

        var result = await AdminCliRunner.RunAsync(database, null, "users", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.ErrorLines);
    }

    // The CLI reads the gateway's settings: one it cannot parse is the operator's to fix, told in one line.
    [Theory]
    [InlineData("Gateway:Tokens:AccessTokenLifetime", "abc", "keys", "list")]
    [InlineData("Gateway:Cookies:SameSite", "Sometimes", "users", "list")]
    [InlineData("Gateway:Storage:Provider", "Oracle", "users", "list")]
    public async Task Run_UnparsableSetting_Exits1WithOneLineNamingTheKey(string key, string value, params string[] args)
    {
        var database = TestDatabase.NewPath();

        var result = await AdminCliRunner.RunWithSettingsAsync(database, new Dictionary<string, string?> { [key] = value }, null, args);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("gateway: ", line, StringComparison.Ordinal);
        Assert.Contains(key, line, StringComparison.Ordinal);
    }
}
