namespace Gateway.E2E.Infrastructure;

/// <summary>
/// The real thing on loopback: the built gateway and sample backend as processes, plus a recording downstream,
/// in a fresh working folder (so a fresh database). Kestrel listens on 127.0.0.1; the browser uses
/// <c>http://localhost</c>, which browsers treat as secure, so the default <c>Secure</c>, <c>__Host-</c> cookies work.
/// Tests share one and stay independent: each signs in as a user of its own.
/// </summary>
public class LiveGateway : IAsyncLifetime
{
    public const string Password = "e2e correct horse battery";

    private readonly int _gatewayPort = FreePort.Next();
    private readonly int _backendPort = FreePort.Next();
    private int _users;
    private AppProcess? _gateway;
    private AppProcess? _backend;

    /// <summary>The gateway as the browser reaches it.</summary>
    public string Url => $"http://localhost:{_gatewayPort}";

    /// <summary>The same gateway by address: what a test uses when no browser is involved.</summary>
    public string Address => $"http://127.0.0.1:{_gatewayPort}";

    /// <summary>Behind the protected route <c>/spy/{**rest}</c>: counts what the gateway forwards there.</summary>
    internal LoopbackSite Spy { get; private set; } = null!;

    public string WorkingFolder { get; } = Path.Combine(Path.GetTempPath(), "gateway-e2e", Guid.NewGuid().ToString("N"));

    /// <summary>Settings a derived gateway adds or overrides (environment variable names).</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(WorkingFolder);
        Spy = await LoopbackSite.StartAsync("""{"spy":"reached"}""", "application/json");
        _backend = AppProcess.Start("sample backend", BuiltApps.SampleBackend, WorkingFolder, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Authentication__Schemes__Bearer__Authority"] = Url,
        }, "--urls", $"http://127.0.0.1:{_backendPort}");
        _gateway = AppProcess.Start("gateway", BuiltApps.Gateway, WorkingFolder, GatewayEnvironment());
        await Task.WhenAll(
            _backend.WaitUntilReadyAsync(new Uri($"http://127.0.0.1:{_backendPort}/api/health")),
            _gateway.WaitUntilReadyAsync(new Uri($"{Address}/healthz")));
    }

    /// <summary>A new user, made with the admin CLI on the gateway's database, as an admin would.</summary>
    public async Task<string> CreateUserAsync(string prefix)
    {
        var name = $"{prefix}-{Interlocked.Increment(ref _users)}";
        var (exitCode, output) = await AppProcess.RunAsync(BuiltApps.Gateway, WorkingFolder, GatewayEnvironment(), Password,
            "users", "add", name, "--password-stdin");
        return exitCode == 0 ? name : throw new InvalidOperationException($"users add {name} exited with {exitCode}: {output}");
    }

    /// <summary>What the processes said, for a failing test's output.</summary>
    public string Logs => $"--- gateway ---\n{Tail(_gateway)}\n--- sample backend ---\n{Tail(_backend)}";

    public async Task DisposeAsync()
    {
        foreach (var process in new[] { _gateway, _backend })
        {
            if (process is not null)
            {
                await process.DisposeAsync();
            }
        }

        await Spy.DisposeAsync();
        Directory.Delete(WorkingFolder, recursive: true);
    }

    private Dictionary<string, string> GatewayEnvironment()
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = Address,
            ["Gateway__Tokens__Issuer"] = Url,
            // Every test signs in from 127.0.0.1: the per-IP login limit would count them all as one client.
            ["Gateway__RateLimiting__Enabled"] = "false",
            ["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "Warning",
            ["ReverseProxy__Routes__api__ClusterId"] = "sample",
            ["ReverseProxy__Routes__api__Match__Path"] = "/api/{**rest}",
            ["ReverseProxy__Clusters__sample__Metadata__Audience"] = "sample-api",
            ["ReverseProxy__Clusters__sample__Destinations__d1__Address"] = $"http://127.0.0.1:{_backendPort}/",
            ["ReverseProxy__Routes__spy__ClusterId"] = "spy",
            ["ReverseProxy__Routes__spy__Match__Path"] = "/spy/{**rest}",
            ["ReverseProxy__Clusters__spy__Destinations__d1__Address"] = Spy.Origin + "/",
        };
        foreach (var (key, value) in Settings)
        {
            environment[key] = value;
        }

        return environment;
    }

    private static string Tail(AppProcess? process) =>
        process is null ? "(not started)" : string.Join('\n', process.Output.Split('\n').TakeLast(80));
}
