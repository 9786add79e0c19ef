using System.Net;
using Gateway.Tests.Infrastructure;
using SampleBackendProgram = SampleBackend.Program;

namespace Gateway.Tests.SampleBackend;

/// <summary>Where the sample backend listens: http://localhost:5100 unless ASPNETCORE_URLS, --urls or Urls say otherwise.</summary>
public sealed class SampleBackendStartTests
{
    [Fact]
    public async Task Start_AspNetCoreUrlsSet_ListensThere()
    {
        var address = $"http://127.0.0.1:{DotnetProcess.FreeTcpPort()}";
        await using var backend = DotnetProcess.Start("SampleBackend.dll", new Dictionary<string, string> { ["ASPNETCORE_URLS"] = address });
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };

        var status = await Eventually.WaitForAsync(() => HealthAsync(client, address), found => found == HttpStatusCode.OK || backend.HasExited, attempts: 3000);

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Build_NoUrlsConfigured_ListensOnLocalhost5100()
    {
        await using var app = SampleBackendProgram.Build([]);

        Assert.Equal("http://localhost:5100", app.Configuration["urls"]);
    }

    [Fact]
    public async Task Build_UrlsArgument_Wins()
    {
        await using var app = SampleBackendProgram.Build(["--urls=http://127.0.0.1:5200"]);

        Assert.Equal("http://127.0.0.1:5200", app.Configuration["urls"]);
    }

    private static async Task<HttpStatusCode?> HealthAsync(HttpClient client, string address)
    {
        try
        {
            return (await client.GetAsync(new Uri($"{address}/api/health"))).StatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            // Not listening yet.
            return null;
        }
    }
}
