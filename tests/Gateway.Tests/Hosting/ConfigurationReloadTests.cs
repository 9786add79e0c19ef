using System.Net;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Hosting;

/// <summary>
/// A save of appsettings.json that does not parse or names an unknown key is refused with a log line naming the file
/// (and line, or key); the last good routes keep serving, and every later good save is applied, however many bad ones came between.
/// </summary>
public sealed class ConfigurationReloadTests : IAsyncLifetime
{
    private const int Attempts = 1500;

    private readonly string _root = Directory.CreateTempSubdirectory("gateway-root-").FullName;
    private readonly RecordingLoggerProvider _logs = new();
    private RecordingDownstream _downstream = null!;

    private string SettingsFile => Path.Combine(_root, "appsettings.json");

    public async Task InitializeAsync() => _downstream = await RecordingDownstream.StartAsync();

    public async Task DisposeAsync()
    {
        await _downstream.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task AppSettings_BrokenAndMendedThreeTimes_EveryGoodSaveAppliedEveryBadOneLogged()
    {
        await File.WriteAllTextAsync(SettingsFile, Settings("/zero/{**rest}"));
        using var gateway = Start();
        var browser = gateway.CreateBrowser();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/first/x")).StatusCode);

        for (var save = 1; save <= 3; save++)
        {
            // The comma at the end of line 4 is missing: the parser stops at the next token, on line 5.
            await File.WriteAllTextAsync(SettingsFile, Settings($"/broken{save}/{{**rest}}").Replace("} },\n", "} }\n", StringComparison.Ordinal));
            Assert.True(await Eventually.TrueAsync(() => Refusals().Count(entry => entry.Message.Contains(", line 5: ", StringComparison.Ordinal)) == save, Attempts),
                $"Bad save {save} was not logged.");
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/first/x")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/broken{save}/x")).StatusCode);

            await File.WriteAllTextAsync(SettingsFile, Settings($"/mended{save}/{{**rest}}"));
            var status = await Eventually.WaitForAsync(async () => (await browser.GetAsync($"/mended{save}/x")).StatusCode,
                code => code == HttpStatusCode.OK, Attempts);
            Assert.Equal(HttpStatusCode.OK, status);
        }

        Assert.Contains(_downstream.Received, request => request.PathAndQuery == "/mended3/x");
        Assert.All(Refusals(), entry => Assert.Equal(LogLevel.Error, entry.Level));
        Assert.Equal(3, Refusals().Count(entry => entry.Message.StartsWith($"Refused the change to {SettingsFile}, line 5: ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AppSettings_SavedWithAnUnknownRouteProperty_RefusedNamingTheKeyThenMended()
    {
        await File.WriteAllTextAsync(SettingsFile, Settings("/zero/{**rest}"));
        using var gateway = Start();
        var browser = gateway.CreateBrowser();

        await File.WriteAllTextAsync(SettingsFile, Settings("/second/{**rest}", policyKey: "AuthorisationPolicy"));
        Assert.True(await Eventually.TrueAsync(() => Refusals().Count >= 1, Attempts));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/first/x")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/second/x")).StatusCode);

        await File.WriteAllTextAsync(SettingsFile, Settings("/second/{**rest}"));
        var status = await Eventually.WaitForAsync(async () => (await browser.GetAsync("/second/x")).StatusCode,
            code => code == HttpStatusCode.OK, Attempts);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(Refusals(), entry => entry.Message.Contains(
            "ReverseProxy:Routes:r1:AuthorisationPolicy (did you mean ReverseProxy:Routes:r1:AuthorizationPolicy?)", StringComparison.Ordinal));
    }

    private List<LogEntry> Refusals() => [.. _logs.Named("ConfigurationReloadRefused")];

    private GatewayFactory Start() =>

        // No browser app: its client-side routes would answer the paths no route matches yet.
        new(settings: new() { ["Gateway:StaticApp:Path"] = "" })
        {
            ContentRoot = _root,
            TestServices = services => services.AddSingleton<ILoggerProvider>(_logs),
        };

    private string Settings(string path, string policyKey = "AuthorizationPolicy") => $$"""
        {
          "ReverseProxy": {
            "Routes": {
              "r1": { "ClusterId": "c1", "{{policyKey}}": "anonymous", "Match": { "Path": "{{path}}" } },
              "r0": { "ClusterId": "c1", "AuthorizationPolicy": "anonymous", "Match": { "Path": "/first/{**rest}" } }
            },
            "Clusters": { "c1": { "Destinations": { "d1": { "Address": "{{_downstream.Address}}" } } } }
          }
        }
        """.ReplaceLineEndings("\n");
}
