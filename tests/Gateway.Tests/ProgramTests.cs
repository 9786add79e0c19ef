using System.Net;
using System.Net.Sockets;
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

    [Fact]
    public async Task Main_AppSettingsNotJson_Exits1WithTheFileAndItsLineCountedFromOne()
    {
        // The comma missing at the end of line 3.
        await using var gateway = StartInProduction([], appSettings: """
            {
              "Gateway": {
                "Tokens": { "Audience": "api" }
                "Cookies": { "Secure": true }
              }
            }
            """);

        var (exitCode, output, error) = await gateway.WaitForExitAsync();

        Assert.Equal(1, exitCode);
        var line = Assert.Single(DotnetProcess.Lines(error));
        Assert.StartsWith($"gateway: {Path.Combine(gateway.WorkingFolder, "appsettings.json")}, line 4: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output + error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "Gateway": { "Tokens": { "AcessTokenLifetime": "00:01:00" } } }""", "Gateway:Tokens:AcessTokenLifetime (did you mean Gateway:Tokens:AccessTokenLifetime?)")]
    [InlineData("""{ "Gateway": { "Cookie": { "Secure": false } } }""", "Gateway:Cookie (did you mean Gateway:Cookies?)")]
    [InlineData("""
        { "ReverseProxy": {
            "Routes": { "r1": { "ClusterId": "c1", "AuthorisationPolicy": "anonymous", "Match": { "Path": "/x" } } },
            "Clusters": { "c1": { "Destinations": { "d1": { "Address": "http://127.0.0.1:9/" } } } } } }
        """, "ReverseProxy:Routes:r1:AuthorisationPolicy (did you mean ReverseProxy:Routes:r1:AuthorizationPolicy?)")]
    public async Task Main_UnknownKeyInAppSettings_Exits1WithOneLineNamingIt(string appSettings, string named)
    {
        await using var gateway = StartInProduction([], appSettings: appSettings);

        var (exitCode, output, error) = await gateway.WaitForExitAsync();

        Assert.Equal(1, exitCode);
        Assert.Equal($"gateway: Unknown setting {named}: the gateway reads no such key.", Assert.Single(DotnetProcess.Lines(error)));
        Assert.DoesNotContain("Exception", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_UnknownKeyInAnEnvironmentVariable_Exits1WithOneLineNamingIt()
    {
        await using var gateway = StartInProduction(new() { ["Gateway__RateLimiting__LoginPermitsPerMinit"] = "5" });

        var (exitCode, _, error) = await gateway.WaitForExitAsync();

        Assert.Equal(1, exitCode);
        Assert.Contains("Gateway:RateLimiting:LoginPermitsPerMinit (did you mean Gateway:RateLimiting:LoginPermitsPerMinute?)",
            Assert.Single(DotnetProcess.Lines(error)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_RouteToAClusterNotDefined_Exits1WithOneLineNamingRouteAndCluster()
    {
        await using var gateway = StartInProduction([], appSettings: """
            { "ReverseProxy": {
                "Routes": { "orders": { "ClusterId": "order", "Match": { "Path": "/api/{**rest}" } } },
                "Clusters": { "orders": { "Destinations": { "d1": { "Address": "http://127.0.0.1:9/" } } } } } }
            """);

        var (exitCode, output, error) = await gateway.WaitForExitAsync();

        Assert.Equal(1, exitCode);
        Assert.Equal("gateway: Invalid ReverseProxy configuration: Route 'orders' names cluster 'order', which is not defined (or was refused) under ReverseProxy:Clusters.",
            Assert.Single(DotnetProcess.Lines(error)));
        Assert.DoesNotContain("Exception", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_PortInUse_Exits1WithOneLineNamingTheAddressAndNoStackTrace()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var address = $"http://127.0.0.1:{((IPEndPoint)occupant.LocalEndpoint).Port}";
        await using var gateway = StartInProduction(new() { ["ASPNETCORE_URLS"] = address });

        var (exitCode, output, error) = await gateway.WaitForExitAsync();

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"gateway: Failed to bind to address {address}: address already in use.", Assert.Single(DotnetProcess.Lines(error)), StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output + error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
    }

    private static DotnetProcess StartInProduction(Dictionary<string, string> settings, string? appSettings = null)
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

        return DotnetProcess.Start("Gateway.dll", environment, appSettings: appSettings);
    }
}
