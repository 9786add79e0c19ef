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

    [Fact]
    public async Task Run_PostgresServerDown_Exits2WithOneLineNamingTheServer()
    {
        var closedPort = DotnetProcess.FreeTcpPort();
        var settings = new Dictionary<string, string?>
        {
            ["Gateway:Storage:Provider"] = "Postgres",
            ["ConnectionStrings:Gateway"] = $"Host=127.0.0.1;Port={closedPort};Database=gateway;Username=gateway;Password=x",
        };

        var result = await AdminCliRunner.RunWithSettingsAsync(TestDatabase.NewPath(), settings, null, "users", "list");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("gateway: The database could not be reached: ", line, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{closedPort}", line, StringComparison.Ordinal);
        Assert.Empty(result.Out);
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

    [Theory]
    [InlineData("Gateway:Cookies:SameSite", "Sometimes", "Use one of: Strict, Lax.")]
    [InlineData("Gateway:Cookies:SameSite", "None", "Use one of: Strict, Lax.")]
    [InlineData("Gateway:Storage:Provider", "Oracle", "Use one of: Sqlite, Postgres.")]
    public async Task Run_SettingOutsideItsChoices_NamesTheChoices(string key, string value, string choices)
    {
        var result = await AdminCliRunner.RunWithSettingsAsync(TestDatabase.NewPath(), new Dictionary<string, string?> { [key] = value }, null, "users", "list");

        Assert.Equal(1, result.ExitCode);
        Assert.EndsWith(choices, Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    // The binder takes a number for an enum, defined or not: SameSite=2 must not slip through as an unknown mode.
    [Theory]
    [InlineData("2")]
    [InlineData("-1")]
    public async Task Run_SameSiteGivenAsAnUndefinedNumber_Exits1SayingStrictOrLax(string value)
    {
        var result = await AdminCliRunner.RunWithSettingsAsync(TestDatabase.NewPath(), new Dictionary<string, string?> { ["Gateway:Cookies:SameSite"] = value }, null, "users", "list");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Gateway:Cookies:SameSite must be Strict or Lax", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    // The SQLite-style string the gateway's own default suggests, left in place after switching to PostgreSQL, and the reverse.
    [Theory]
    [InlineData("Postgres", "Data Source=/var/lib/gateway/gateway.db")]
    [InlineData("Sqlite", "Host=db.internal;Username=gateway;Password=secret;Database=gateway")]
    public async Task Run_ConnectionStringOfTheOtherProvider_Exits1WithOneLineNamingBothSettings(string provider, string connectionString)
    {
        var result = await AdminCliRunner.RunWithSettingsAsync(TestDatabase.NewPath(), new Dictionary<string, string?>
        {
            ["Gateway:Storage:Provider"] = provider,
            ["ConnectionStrings:Gateway"] = connectionString,
        }, null, "users", "list");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("ConnectionStrings:Gateway", line, StringComparison.Ordinal);
        Assert.Contains("Gateway:Storage:Provider", line, StringComparison.Ordinal);
        Assert.DoesNotContain("dictionary", line, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secret", line, StringComparison.Ordinal);
    }
}
