using System.Net;
using System.Net.Sockets;
using Gateway.TestSupport;
using Gateway.Tests.Infrastructure;

namespace Gateway.ScaleOut.Infrastructure;

/// <summary>
/// A second deployment, with the login limits on (the main cluster runs with them off, so that its tests, all from
/// 127.0.0.1, never share a budget): three gateways on their own throwaway PostgreSQL behind the deployment's nginx,
/// trusting nginx's forwarded headers. Clients connect from addresses of their own in 127.0.0.0/8, which Linux
/// routes to loopback without any set-up.
/// </summary>
public sealed class LoginLimitsCluster : IAsyncLifetime
{
    public const int PermitsPerMinute = 5;
    public const string Password = "correct horse battery";

    private readonly List<GatewayProcess> _instances = [];
    private ThrowawayPostgres? _postgres;
    private NginxBalancer? _nginx;
    private Dictionary<string, string> _environment = [];

    internal IReadOnlyList<GatewayProcess> Instances => _instances;

    internal NginxBalancer Balancer => _nginx ?? throw new InvalidOperationException("The cluster is not started.");

    public async Task InitializeAsync()
    {
        _postgres = ThrowawayPostgres.Start();
        var balancerPort = FreePort();
        _environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Gateway__Storage__Provider"] = "Postgres",
            ["ConnectionStrings__Gateway"] = _postgres.ConnectionString("gateway"),
            ["Gateway__Tokens__Issuer"] = $"http://127.0.0.1:{balancerPort}",
            ["Gateway__RateLimiting__Enabled"] = "true",
            ["Gateway__RateLimiting__LoginPermitsPerMinute"] = PermitsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // nginx connects from 127.0.0.1; the clients' own 127.0.x.y addresses are not proxies.
            ["Gateway__ForwardedHeaders__KnownProxies__0"] = "127.0.0.1",
            ["Logging__LogLevel__Default"] = "Warning",
        };

        // One instance first: it creates the schema and the keys; the CLI then adds the users the tests sign in as.
        for (var index = 0; index < 3; index++)
        {
            _instances.Add(new GatewayProcess($"limits{index}", FreePort(), _environment));
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        _instances.ForEach(instance => instance.Start());
        await Task.WhenAll(_instances.Select(instance => instance.WaitReadyAsync(http)));
        _nginx = await NginxBalancer.StartAsync(balancerPort, _instances.Select(instance => instance.Port));
        foreach (var user in new[] { "alice", "bob" })
        {
            var add = await GatewayCli.RunAsync(_environment, Password, "users", "add", user, "--password-stdin");
            if (add.ExitCode != 0)
            {
                throw new InvalidOperationException($"users add {user} failed: {add.Error}");
            }
        }
    }

    public Task DisposeAsync()
    {
        _nginx?.Dispose();
        _instances.ForEach(instance => instance.Dispose());
        _postgres?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A browser whose connections leave from <paramref name="source"/> (127.x.y.z), to the balancer or to one instance.</summary>
    internal BrowserClient BrowserFrom(string source, GatewayProcess? instance = null)
    {
        var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new BrowserClient(new HttpClient(handler) { BaseAddress = new Uri(instance?.Address ?? Balancer.Address), Timeout = TimeSpan.FromSeconds(30) });
    }

    public string Diagnostics() =>
        string.Join("\n", _instances.Select(instance => $"--- {instance.Name} ({instance.Port})\n{instance.Output.Tail(15)}"));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
