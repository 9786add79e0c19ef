using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// One of the solution's programs (<c>Gateway.dll</c>, <c>SampleBackend.dll</c>, copied next to the tests) run as
/// its own process in an empty working folder, the way an operator starts it: its exit code and what it prints on
/// each stream are exactly what the operator sees. Settings come from environment variables only.
/// </summary>
internal sealed class DotnetProcess : IAsyncDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly Task<string> _out;
    private readonly Task<string> _error;

    private DotnetProcess(Process process, string workingFolder)
    {
        _process = process;
        WorkingFolder = workingFolder;
        _out = process.StandardOutput.ReadToEndAsync();
        _error = process.StandardError.ReadToEndAsync();
    }

    public string WorkingFolder { get; }

    public bool HasExited => _process.HasExited;

    /// <param name="arguments">Its command line, after the assembly.</param>
    /// <param name="appSettings">The text of an <c>appsettings.json</c> in its working folder; none unless given.</param>
    public static DotnetProcess Start(string assembly, IReadOnlyDictionary<string, string> environment,
        IReadOnlyList<string>? arguments = null, string? appSettings = null)
    {
        var workingFolder = Path.Combine(Path.GetTempPath(), "gateway-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(workingFolder);
        if (appSettings is not null)
        {
            File.WriteAllText(Path.Combine(workingFolder, "appsettings.json"), appSettings);
        }

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, assembly));
        foreach (var argument in arguments ?? [])
        {
            start.ArgumentList.Add(argument);
        }

        // Only what the test says: nothing inherited from the runner's own ASP.NET Core or gateway settings.
        foreach (var name in start.Environment.Keys.Where(IsHostSetting).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return new DotnetProcess(Process.Start(start) ?? throw new InvalidOperationException($"{assembly} did not start."), workingFolder);
    }

    /// <summary>Waits for the process to end on its own; its exit code and both streams, complete.</summary>
    public async Task<(int ExitCode, string Out, string Error)> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(ExitTimeout);
        await _process.WaitForExitAsync(timeout.Token);
        return (_process.ExitCode, await _out, await _error);
    }

    /// <summary>Waits (bounded) until <paramref name="url"/> answers 200: the process is up and listening.</summary>
    public async Task WaitUntilAnswersAsync(string url)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var attempt = 0; attempt < 240 && !_process.HasExited; attempt++)
        {
            try
            {
                if ((await client.GetAsync(url)).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new InvalidOperationException($"{url} never answered; the process {(_process.HasExited ? "exited" : "is still starting")}.");
    }

    /// <summary>Ends a process that would run on (a server), and hands back what it printed until then.</summary>
    public async Task<(string Out, string Error)> StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await WaitForExitAsync();
        return (await _out, await _error);
    }

    public static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static IReadOnlyList<string> Lines(string text) =>
        text.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static bool IsHostSetting(string name) =>
        name.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Gateway__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("ReverseProxy__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Logging__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("OTEL_", StringComparison.OrdinalIgnoreCase)
        || name.Equals("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase);
}
