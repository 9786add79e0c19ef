using System.Net;
using Gateway.E2E.Infrastructure;

namespace Gateway.E2E;

/// <summary>
/// The built gateway, started in a folder of its own, serves the demo from beside its binary; paths that try to
/// climb out of that folder reach the real Kestrel exactly as written and get nothing.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class StaticAppOverKestrelTests(LiveGateway gateway)
{
    [Fact]
    public async Task Root_BuiltBinaryStartedInAnotherFolder_ServesTheDemoUnderItsPolicy()
    {
        using var http = new HttpClient();

        var response = await http.GetAsync($"{gateway.Address}/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<title>Gateway demo</title>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(gateway.WorkingFolder, "wwwroot", "index.html")));
    }

    [Theory]
    [InlineData("/%61pp.js", HttpStatusCode.OK)]
    [InlineData("/..%2fGateway.dll", HttpStatusCode.NotFound)]
    [InlineData("/..%2f..%2fappsettings.json", HttpStatusCode.NotFound)]
    [InlineData("/%2e%2e/Gateway.dll", HttpStatusCode.NotFound)]
    [InlineData("/%2e%2e%2fGateway.deps.json", HttpStatusCode.NotFound)]
    [InlineData("/..%5cGateway.dll", HttpStatusCode.NotFound)]
    [InlineData("/../../Gateway.runtimeconfig.json", HttpStatusCode.NotFound)]
    public async Task Path_SentAsWritten_ServesOnlyWhatIsInTheAppFolder(string rawPath, HttpStatusCode expected)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get,
            new Uri(gateway.Address + rawPath, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true }));

        var response = await http.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }
}
