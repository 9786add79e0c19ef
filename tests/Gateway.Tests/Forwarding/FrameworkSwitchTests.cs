using System.Net;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Forwarding;

/// <summary>
/// ASP.NET Core's usual switch, <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c>, trusts every client's
/// <c>X-Forwarded-For</c>. The gateway, a process of its own as an operator starts it, refuses it without trusted
/// proxies, and with them the switch's middleware trusts exactly those.
/// </summary>
public sealed class FrameworkSwitchTests
{
    [Fact]
    public async Task Main_SwitchWithoutTrustedProxies_Exits1WithOneLine()
    {
        await using var gateway = Start(new() { ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true" });

        var (exitCode, output, error) = await gateway.WaitForExitAsync();

        Assert.Equal(1, exitCode);
        var line = Assert.Single(DotnetProcess.Lines(error));
        Assert.StartsWith("gateway: ", line, StringComparison.Ordinal);
        Assert.Contains("ASPNETCORE_FORWARDEDHEADERS_ENABLED", line, StringComparison.Ordinal);
        Assert.Contains("Gateway:ForwardedHeaders:KnownProxies", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output + error, StringComparison.Ordinal);
    }

    // The stats endpoint answers loopback callers only: a believed "X-Forwarded-For: 203.0.113.9" would make it 404.
    [Fact]
    public async Task Request_SwitchWithTrustedProxiesFromAnUntrustedPeer_ForwardedForIgnored()
    {
        var address = $"http://127.0.0.1:{DotnetProcess.FreeTcpPort()}";
        await using var gateway = Start(new()
        {
            ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
            ["Gateway__ForwardedHeaders__KnownProxies__0"] = "10.9.9.9",
            ["Gateway__Diagnostics__Enabled"] = "true",
            ["ASPNETCORE_URLS"] = address,
        });
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };

        var plain = await Eventually.WaitForAsync(() => StatsAsync(client, address, null), status => status is not null || gateway.HasExited, attempts: 3000);
        var claimingAnother = await StatsAsync(client, address, "203.0.113.9");

        Assert.Equal(HttpStatusCode.OK, plain);
        Assert.Equal(HttpStatusCode.OK, claimingAnother);
    }

    private static DotnetProcess Start(Dictionary<string, string> settings)
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

    private static async Task<HttpStatusCode?> StatsAsync(HttpClient client, string address, string? forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{address}/_gateway/stats");
        if (forwardedFor is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        }

        try
        {
            return (await client.SendAsync(request)).StatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            // Not listening yet.
            return null;
        }
    }
}
