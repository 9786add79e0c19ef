using System.Net;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Telemetry;

/// <summary>
/// <c>Gateway:Telemetry:PrometheusPort</c>, as an operator runs it (a process with two listening ports): the scrape
/// endpoint answers there in the Prometheus text format, and nowhere else.
/// </summary>
public sealed class PrometheusEndpointTests : IAsyncLifetime
{
    private readonly int _publicPort = DotnetProcess.FreeTcpPort();
    private readonly int _metricsPort = DotnetProcess.FreeTcpPort();
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(10) };
    private DotnetProcess _gateway = null!;

    private string Public => $"http://127.0.0.1:{_publicPort}";

    private string Metrics => $"http://127.0.0.1:{_metricsPort}";

    public async Task InitializeAsync()
    {
        _gateway = DotnetProcess.Start("Gateway.dll", new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = Public,
            ["ConnectionStrings__Gateway"] = $"Data Source={TestDatabase.NewPath()}",
            ["Gateway__Telemetry__PrometheusPort"] = _metricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await _gateway.WaitUntilAnswersAsync($"{Public}/healthz");
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _gateway.DisposeAsync();
    }

    [Fact]
    public async Task Metrics_OnThePrometheusPort_TextFormatWithTheGatewaysAspNetCoresAndTheRuntimesMetrics()
    {
        using var login = new HttpRequestMessage(HttpMethod.Post, $"{Public}/auth/login")
        {
            Content = JsonContent("""{"username":"nobody","password":"not a password"}"""),
        };
        login.Headers.Add("X-CSRF", "1");
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.SendAsync(login)).StatusCode);

        var response = await _client.GetAsync($"{Metrics}/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("gateway_logins_total{", text, StringComparison.Ordinal);
        Assert.Contains("outcome=\"failed\"", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE dotnet_gc_collections_total counter", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_OnThePublicPort_404EvenWithTheMetricsPortInTheHostHeader()
    {
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, $"{Public}/metrics");
        spoofed.Headers.Host = $"127.0.0.1:{_metricsPort}";

        var plain = await _client.GetAsync($"{Public}/metrics");
        var withHost = await _client.SendAsync(spoofed);

        Assert.Equal(HttpStatusCode.NotFound, plain.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, withHost.StatusCode);
        Assert.DoesNotContain("# TYPE", await withHost.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/.well-known/jwks.json")]
    [InlineData("/")]
    public async Task PrometheusPort_AnythingButMetrics_404(string path)
    {
        var response = await _client.GetAsync($"{Metrics}{path}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
