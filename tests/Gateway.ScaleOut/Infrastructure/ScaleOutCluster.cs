using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Gateway.TestSupport;
using Gateway.Tests.Infrastructure;
using Npgsql;

namespace Gateway.ScaleOut.Infrastructure;

/// <summary>
/// Three gateway processes on one throwaway PostgreSQL behind nginx, with a recording downstream; all on 127.0.0.1.
/// The instances start at the same moment on a database that does not exist yet, as a fresh deployment would.
/// </summary>
public sealed class ScaleOutCluster : IAsyncLifetime
{
    public const string UserName = "alice";
    public const string Password = "correct horse battery";
    public const int InstanceCount = 3;

    /// <summary>Short enough to wait for an expiry, long enough that revocation checks run on live access tokens.</summary>
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromSeconds(6);

    private const string DatabaseName = "gateway";

    private readonly List<GatewayProcess> _instances = [];
    private ThrowawayPostgres? _postgres;
    private RecordingDownstream? _downstream;
    private NginxBalancer? _nginx;

    internal IReadOnlyList<GatewayProcess> Instances => _instances;

    internal NginxBalancer Balancer => _nginx ?? throw new InvalidOperationException("The cluster is not started.");

    internal RecordingDownstream Downstream => _downstream ?? throw new InvalidOperationException("The cluster is not started.");

    internal HttpClient Http { get; } = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Data Protection keys and signing keys right after the three instances started together.</summary>
    public (long DataProtectionKeys, long SigningKeys) KeysAtStart { get; private set; }

    public string ConnectionString => _postgres!.ConnectionString(DatabaseName);

    public async Task InitializeAsync()
    {
        _postgres = ThrowawayPostgres.Start();
        _downstream = await RecordingDownstream.StartAsync();
        var balancerPort = FreePort();
        var environment = InstanceEnvironment(balancerPort);
        for (var index = 0; index < InstanceCount; index++)
        {
            _instances.Add(new GatewayProcess($"g{index}", FreePort(), environment));
        }

        _instances.ForEach(instance => instance.Start());
        await Task.WhenAll(_instances.Select(instance => instance.WaitReadyAsync(Http)));
        KeysAtStart = (await CountAsync("DataProtectionKeys"), await CountAsync("SigningKeys"));
        _nginx = await NginxBalancer.StartAsync(balancerPort, _instances.Select(instance => instance.Port));

        var add = await GatewayCli.RunAsync(environment, Password, "users", "add", UserName, "--password-stdin");
        if (add.ExitCode != 0)
        {
            throw new InvalidOperationException($"users add failed: {add.Error}");
        }
    }

    public Task DisposeAsync()
    {
        Http.Dispose();
        _nginx?.Dispose();
        _instances.ForEach(instance => instance.Dispose());
        _postgres?.Dispose();
        return _downstream?.DisposeAsync().AsTask() ?? Task.CompletedTask;
    }

    /// <summary>A browser talking to the balancer (or, with <paramref name="instance"/>, to one instance directly).</summary>
    internal BrowserClient Browser(GatewayProcess? instance = null) =>
        new(new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = new Uri(instance?.Address ?? Balancer.Address) });

    /// <summary>Kills <paramref name="instance"/> (if alive) and starts it again on the same port; waits until it is ready.</summary>
    internal async Task RestartAsync(GatewayProcess instance)
    {
        instance.Kill();
        instance.Start();
        await instance.WaitReadyAsync(Http);
    }

    /// <summary>Stops PostgreSQL at once, as a crash or a lost network would look to the instances.</summary>
    internal void StopDatabase() => _postgres!.StopServer();

    internal void StartDatabase() => _postgres!.StartServer();

    /// <summary>Freezes PostgreSQL (SIGSTOP): connections stay open and nothing answers, as a black-holed primary.</summary>
    internal void PauseDatabase() => _postgres!.Pause();

    internal void ResumeDatabase() => _postgres!.Resume();

    /// <summary>Runs each statement in turn, on one connection to the gateways' database, as the superuser.</summary>
    public async Task ExecuteAsync(params string[] statements)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        foreach (var sql in statements)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }
    }

    internal Task<AdminResult> CliAsync(string? standardInput, params string[] args) =>
        GatewayCli.RunAsync(InstanceEnvironment(Balancer.Port), standardInput, args);

    public async Task<long> CountAsync(string table, string? where = null, string? sessionId = null)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"" + (where is null ? "" : $" WHERE {where}");
        if (sessionId is not null)
        {
            command.Parameters.AddWithValue("sid", sessionId);
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Every instance's and the balancer's last output lines, for a failure message.</summary>
    public string Diagnostics() =>
        string.Join("\n", _instances.Select(instance => $"--- {instance.Name} ({instance.Port})\n{instance.Output.Tail(15)}"))
        + $"\n--- postgres\n{_postgres?.LogTail()}";

    private Dictionary<string, string> InstanceEnvironment(int balancerPort) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["Gateway__Storage__Provider"] = "Postgres",
        ["ConnectionStrings__Gateway"] = _postgres!.ConnectionString(DatabaseName),
        ["Gateway__Tokens__Issuer"] = $"http://127.0.0.1:{balancerPort}",
        ["Gateway__Tokens__AccessTokenLifetime"] = AccessTokenLifetime.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        ["Gateway__Tokens__KeyRingRefreshInterval"] = "00:00:01",
        ["Gateway__RateLimiting__Enabled"] = "false",
        ["ReverseProxy__Routes__api__ClusterId"] = "backend",
        ["ReverseProxy__Routes__api__Match__Path"] = "/api/{**rest}",
        ["ReverseProxy__Clusters__backend__Destinations__d1__Address"] = Downstream.Address,
        ["Logging__LogLevel__Default"] = "Warning",
    };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
