using System.Diagnostics;
using System.Net;

namespace Gateway.ScaleOut.Infrastructure;

/// <summary>
/// One real gateway: <c>dotnet Gateway.dll</c> in a folder of its own, configured by environment variables only,
/// on a fixed loopback port so it can be killed and started again at the same address behind the balancer.
/// </summary>
internal sealed class GatewayProcess(string name, int port, IReadOnlyDictionary<string, string> environment) : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly string _folder = Directory.CreateTempSubdirectory($"gateway-{name}-").FullName;
    private Process? _process;

    public string Name { get; } = name;

    public int Port { get; } = port;

    public string Address => $"http://127.0.0.1:{Port}";

    public ProcessOutput Output { get; private set; } = new();

    public void Start()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Paths.GatewayAssembly);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = Address;
        Output = new ProcessOutput();
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the gateway.");
        Output.Attach(_process);
    }

    /// <summary>Waits until <c>/readyz</c> answers 200; fails with the gateway's output if it exits or takes too long.</summary>
    public async Task WaitReadyAsync(HttpClient http)
    {
        var ready = await Poll.UntilAsync(async () =>
        {
            if (_process is null || _process.HasExited)
            {
                throw new InvalidOperationException($"Gateway {Name} exited while starting:\n{Output.Tail()}");
            }

            try
            {
                using var response = await http.GetAsync($"{Address}/readyz");
                return response.StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, StartTimeout, TimeSpan.FromMilliseconds(100));
        if (!ready)
        {
            throw new InvalidOperationException($"Gateway {Name} was not ready within {StartTimeout.TotalSeconds} s:\n{Output.Tail()}");
        }
    }

    /// <summary>Ends the process at once (SIGKILL): no graceful shutdown, as a crash or a lost machine.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }

        _process?.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        Kill();
        Directory.Delete(_folder, recursive: true);
    }
}
