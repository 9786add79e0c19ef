using System.Net;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Hosting;

/// <summary>The admin's appsettings.json is read from the content root and its routes take effect without a restart.</summary>
public sealed class ConfigurationFilesTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("gateway-root-").FullName;
    private RecordingDownstream _downstream = null!;

    public async Task InitializeAsync() => _downstream = await RecordingDownstream.StartAsync();

    public async Task DisposeAsync()
    {
        await _downstream.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task AppSettings_RouteAddedWhileRunning_TakesEffectWithoutRestart()
    {
        await WriteSettingsAsync("/first/{**rest}");
        // No browser app: its client-side routes would answer the paths no route matches yet.
        using var gateway = new GatewayFactory(settings: new() { ["Gateway:StaticApp:Path"] = "" }) { ContentRoot = _root };
        var browser = gateway.CreateBrowser();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/first/x")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/second/x")).StatusCode);

        await WriteSettingsAsync("/second/{**rest}");

        var status = await Eventually.WaitForAsync(async () => (await browser.GetAsync("/second/x")).StatusCode,
            code => code == HttpStatusCode.OK, attempts: 1000);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(_downstream.Received, request => request.PathAndQuery == "/second/x");
    }

    private Task WriteSettingsAsync(string path) => File.WriteAllTextAsync(Path.Combine(_root, "appsettings.json"), Settings(path));

    private string Settings(string path) => $$"""
        {
          "ReverseProxy": {
            "Routes": { "r1": { "ClusterId": "c1", "AuthorizationPolicy": "anonymous", "Match": { "Path": "{{path}}" } } },
            "Clusters": { "c1": { "Destinations": { "d1": { "Address": "{{_downstream.Address}}" } } } }
          }
        }
        """;
}
