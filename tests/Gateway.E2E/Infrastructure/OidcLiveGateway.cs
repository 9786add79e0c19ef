using System.Net.Http.Json;
using System.Text.Json;

namespace Gateway.E2E.Infrastructure;

/// <summary>
/// The gateway in <c>Oidc</c> mode as processes on loopback: the sample OpenID Provider on <c>http://127.0.0.1:port</c>
/// (another site than the gateway's <c>http://localhost:port</c>, so the browser applies SameSite for real), the gateway
/// and the sample backend. The provider's access tokens live 20 seconds, so a test sees the gateway refresh them;
/// its loopback-only <c>/_test</c> endpoints tell what it was asked.
/// </summary>
public sealed class OidcLiveGateway : IAsyncLifetime
{
    /// <summary>How long the provider's access tokens live: refreshed by the gateway 10 s (half of it) before they expire.</summary>
    public static readonly TimeSpan ProviderTokenLifetime = TimeSpan.FromSeconds(20);

    private readonly int _gatewayPort = FreePort.Next();
    private readonly int _backendPort = FreePort.Next();
    private readonly int _providerPort = FreePort.Next();
    private AppProcess? _gateway;
    private AppProcess? _backend;
    private AppProcess? _provider;

    public string Url => $"http://localhost:{_gatewayPort}";

    public string ProviderUrl => $"http://127.0.0.1:{_providerPort}";

    /// <summary>Behind the protected route <c>/spy/{**rest}</c>, which forwards the user's OP token (TokenType User).</summary>
    internal LoopbackSite Spy { get; private set; } = null!;

    public string WorkingFolder { get; } = Path.Combine(Path.GetTempPath(), "gateway-e2e-oidc", Guid.NewGuid().ToString("N"));

    public string Logs => $"--- gateway ---\n{Tail(_gateway)}\n--- provider ---\n{Tail(_provider)}\n--- sample backend ---\n{Tail(_backend)}";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(WorkingFolder);
        Spy = await LoopbackSite.StartAsync("""{"spy":"reached"}""", "application/json");
        _provider = AppProcess.Start("provider", BuiltApps.SampleIdentityProvider, WorkingFolder, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            ["Provider__GatewayOrigin"] = Url,
            ["Provider__AccessTokenLifetime"] = ProviderTokenLifetime.ToString("c"),
            ["Provider__RefreshTokenReuseLeeway"] = "00:00:00",
            ["Provider__TestEndpoints"] = "true",
        }, "--urls", ProviderUrl);
        _backend = AppProcess.Start("sample backend", BuiltApps.SampleBackend, WorkingFolder, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Authentication__Schemes__Bearer__Authority"] = Url,
        }, "--urls", $"http://127.0.0.1:{_backendPort}");
        await _provider.WaitUntilReadyAsync(new Uri($"{ProviderUrl}/.well-known/openid-configuration"));
        _gateway = AppProcess.Start("gateway", BuiltApps.Gateway, WorkingFolder, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{_gatewayPort}",
            ["Gateway__Tokens__Issuer"] = Url,
            ["Gateway__RateLimiting__Enabled"] = "false",
            ["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "Warning",
            ["Gateway__Authentication__Mode"] = "Oidc",
            ["Gateway__Authentication__Oidc__Authority"] = ProviderUrl,
            ["Gateway__Authentication__Oidc__ClientId"] = "gateway",
            ["Gateway__Authentication__Oidc__ClientSecret"] = "gateway-demo-client-secret",
            ["ReverseProxy__Routes__api__ClusterId"] = "sample",
            ["ReverseProxy__Routes__api__Match__Path"] = "/api/{**rest}",
            ["ReverseProxy__Routes__api__Metadata__TokenType"] = "Gateway",
            ["ReverseProxy__Clusters__sample__Metadata__Audience"] = "sample-api",
            ["ReverseProxy__Clusters__sample__Destinations__d1__Address"] = $"http://127.0.0.1:{_backendPort}/",
            ["ReverseProxy__Routes__spy__ClusterId"] = "spy",
            ["ReverseProxy__Routes__spy__Match__Path"] = "/spy/{**rest}",
            ["ReverseProxy__Clusters__spy__Destinations__d1__Address"] = Spy.Origin + "/",
        });
        await Task.WhenAll(
            _backend.WaitUntilReadyAsync(new Uri($"http://127.0.0.1:{_backendPort}/api/health")),
            _gateway.WaitUntilReadyAsync(new Uri($"http://127.0.0.1:{_gatewayPort}/healthz")));
    }

    /// <summary>The grant types of the token requests the provider answered, in order (its loopback-only recorder).</summary>
    public async Task<IReadOnlyList<(string GrantType, bool Succeeded)>> TokenRequestsAsync()
    {
        using var http = new HttpClient();
        var records = await http.GetFromJsonAsync<JsonElement>($"{ProviderUrl}/_test/token-requests");
        return records.EnumerateArray()
            .Select(record => (record.GetProperty("grantType").GetString() ?? "", record.GetProperty("succeeded").GetBoolean()))
            .ToList();
    }

    public async Task DisposeAsync()
    {
        foreach (var process in new[] { _gateway, _backend, _provider })
        {
            if (process is not null)
            {
                await process.DisposeAsync();
            }
        }

        await Spy.DisposeAsync();
        Directory.Delete(WorkingFolder, recursive: true);
    }

    private static string Tail(AppProcess? process) =>
        process is null ? "(not started)" : string.Join('\n', process.Output.Split('\n').TakeLast(80));
}
