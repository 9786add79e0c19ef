using Gateway.Tests.Infrastructure;

namespace Gateway.Tests;

/// <summary>
/// The gateway as an operator starts it, a process of its own: a start-up it refuses ends with exit code 1 and
/// one line on standard error, and nothing else that looks like a crash.
/// </summary>
public sealed class ProgramTests
{
    [Theory]
    [InlineData("Gateway__Tokens__AccessTokenLifetime", "abc", "Gateway:Tokens:AccessTokenLifetime")]
    [InlineData("Gateway__Cookies__SameSite", "Sometimes", "Gateway:Cookies:SameSite")]
    [InlineData("Gateway__Cookies__Secure", "maybe", "Gateway:Cookies:Secure")]
    [InlineData("Gateway__RateLimiting__LoginPermitsPerMinute", "ten", "Gateway:RateLimiting:LoginPermitsPerMinute")]
    [InlineData("Gateway__Storage__Provider", "Oracle", "Gateway:Storage:Provider")]
    public async Task Main_UnparsableSetting_Exits1WithOneLineNamingTheKey(string variable, string value, string key)
    {
        await using var gateway = StartInProduction(new() { [variable] = value });

        var (exitCode, output, error) = await gateway.WaitForExitAsync();

        Assert.Equal(1, exitCode);
        var line = Assert.Single(DotnetProcess.Lines(error));
        Assert.StartsWith("gateway: ", line, StringComparison.Ordinal);
        Assert.Contains(key, line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_UnsafeSetUpRefused_PrintsOnlyTheOneLine()
    {
        await using var gateway = StartInProduction(new()
        {
            ["Gateway__Cookies__Secure"] = "false",
            ["ASPNETCORE_URLS"] = "http://0.0.0.0:0",
        });

        var (exitCode, output, error) = await gateway.WaitForExitAsync();

        Assert.Equal(1, exitCode);
        Assert.StartsWith("gateway: Refusing to start", Assert.Single(DotnetProcess.Lines(error)), StringComparison.Ordinal);
        Assert.DoesNotContain("Hosting failed to start", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_PostgresProviderWithSqliteConnectionString_Exits1WithOneLineNamingBothSettings()
    {
        await using var gateway = StartInProduction(new() { ["Gateway__Storage__Provider"] = "Postgres" });

        var (exitCode, output, error) = await gateway.WaitForExitAsync();

        Assert.Equal(1, exitCode);
        var line = Assert.Single(DotnetProcess.Lines(error));
        Assert.Contains("ConnectionStrings:Gateway", line, StringComparison.Ordinal);
        Assert.Contains("Gateway:Storage:Provider", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output + error, StringComparison.Ordinal);
    }

    private static DotnetProcess StartInProduction(Dictionary<string, string> settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["ConnectionStrings__Gateway"] = $"Data Source={TestDatabase.NewPath()}",
        };
        foreach (var (name, value) in settings)
        {
            environment[name] = value;
        }

        return DotnetProcess.Start("Gateway.dll", environment);
    }
}
