using System.Net;
using System.Text.Json;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Hosting;

/// <summary>
/// The built gateway run in a folder with no settings file, as an operator may run it: its logs say what matters
/// (start, refusals) and not every SQL command; JSON lines on request.
/// </summary>
public sealed class LoggingDefaultsTests
{
    [Fact]
    public async Task NoSettingsFile_DatabaseWork_NoSqlCommandLogged()
    {
        var (output, _) = await RunAndStopAsync([]);

        Assert.Contains("Now listening on", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Executed DbCommand", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Microsoft.EntityFrameworkCore", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoSettingsFile_EnvironmentAsksForSql_SqlCommandsLogged()
    {
        var (output, _) = await RunAndStopAsync(new() { ["Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command"] = "Information" });

        Assert.Contains("Executed DbCommand", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonFormatter_Configured_EveryLineIsAJsonObject()
    {
        var (output, _) = await RunAndStopAsync(new() { ["Logging__Console__FormatterName"] = "json" });

        var lines = DotnetProcess.Lines(output);
        Assert.NotEmpty(lines);
        Assert.All(lines, line =>
        {
            using var entry = JsonDocument.Parse(line);
            Assert.True(entry.RootElement.TryGetProperty("Category", out _));
            Assert.True(entry.RootElement.TryGetProperty("LogLevel", out _));
        });
        Assert.Contains(lines, line => line.Contains("Now listening on", StringComparison.Ordinal));
    }

    // A provider that is down is a warning line of the gateway's own, not a stack trace per retry.
    [Fact]
    public async Task OidcMode_ProviderDown_WarnsWithoutStackTrace()
    {
        var (output, error) = await RunAndStopAsync(new()
        {
            ["Gateway__Authentication__Mode"] = "Oidc",
            ["Gateway__Authentication__Oidc__Authority"] = $"http://127.0.0.1:{DotnetProcess.FreeTcpPort()}",
            ["Gateway__Authentication__Oidc__ClientId"] = "gateway",
            ["Gateway__Authentication__Oidc__ClientSecret"] = "a-client-secret-of-some-length",
        }, async (client, gateway) =>
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync($"{gateway}/auth/login")).StatusCode));

        Assert.Contains("could not be read", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Polly", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at System.", output + error, StringComparison.Ordinal);
    }

    /// <summary>Starts the built gateway with <paramref name="settings"/>, makes it log (a refused login unless told otherwise), stops it.</summary>
    private static async Task<(string Out, string Error)> RunAndStopAsync(Dictionary<string, string> settings,
        Func<HttpClient, string, Task>? exercise = null)
    {
        var port = DotnetProcess.FreeTcpPort();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
        };
        foreach (var (name, value) in settings)
        {
            environment[name] = value;
        }

        await using var gateway = DotnetProcess.Start("Gateway.dll", environment);
        await gateway.WaitUntilAnswersAsync($"http://127.0.0.1:{port}/readyz");
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        await (exercise ?? SignInAsNobodyAsync)(client, $"http://127.0.0.1:{port}");
        return await gateway.StopAsync();
    }

    private static async Task SignInAsNobodyAsync(HttpClient client, string gateway)
    {
        using var login = new HttpRequestMessage(HttpMethod.Post, $"{gateway}/auth/login")
        {
            Content = new StringContent("""{"username":"nobody","password":"not a password"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        login.Headers.Add("X-CSRF", "1");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(login)).StatusCode);
    }
}
