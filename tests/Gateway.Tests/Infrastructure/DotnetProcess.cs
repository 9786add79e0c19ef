using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// One of the solution's programs (<c>Gateway.dll</c>, <c>SampleBackend.dll</c>, copied next to the tests) run as
/// its own process in an empty working folder, the way an operator starts it: its exit code and what it prints on
/// each stream are exactly what the operator sees. Settings come from environment variables only.
/// </summary>
internal sealed class DotnetProcess : IAsyncDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan ListenTimeout = TimeSpan.FromSeconds(60);

    // The host's lifetime log once Kestrel listens on every address, after every hosted service (migrations, key ring) started.
    private const string ListeningLine = "Application started.";

    private readonly Process _process;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _error = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DotnetProcess(Process process, string workingFolder)
    {
        _process = process;
        WorkingFolder = workingFolder;
        process.OutputDataReceived += (_, line) => Append(_out, line.Data);
        process.ErrorDataReceived += (_, line) => Append(_error, line.Data);
        process.Exited += (_, _) => _listening.TrySetException(new InvalidOperationException("The process exited before it listened."));
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

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var started = new DotnetProcess(process, workingFolder);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>Waits for the process to end on its own; its exit code and both streams, complete.</summary>
    public async Task<(int ExitCode, string Out, string Error)> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(ExitTimeout);
        await _process.WaitForExitAsync(timeout.Token);
        return (_process.ExitCode, Text(_out), Text(_error));
    }

    /// <summary>
    /// Waits (bounded, no polling) for the process to say it has started and listens, then checks that <paramref name="url"/> answers
    /// 200; fails with what the process printed if it exits first, takes too long or answers otherwise.
    /// </summary>
    public async Task WaitUntilAnswersAsync(string url)
    {
        try
        {
            await _listening.Task.WaitAsync(ListenTimeout);
        }
        catch (Exception exception) when (exception is TimeoutException or InvalidOperationException)
        {
            throw new InvalidOperationException($"{url} never answered: {exception.Message}\n{Text(_out)}\n{Text(_error)}", exception);
        }

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await client.GetAsync(url);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"The process listens but {url} answered {(int)response.StatusCode}:\n{Text(_out)}\n{Text(_error)}");
        }
    }

    /// <summary>Ends a process that would run on (a server), and hands back what it printed until then.</summary>
    public async Task<(string Out, string Error)> StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        var (_, output, error) = await WaitForExitAsync();
        return (output, error);
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

    private static string Text(StringBuilder stream)
    {
        lock (stream)
        {
            return stream.ToString();
        }
    }

    private void Append(StringBuilder stream, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (stream)
        {
            stream.AppendLine(line);
        }

        if (line.Contains(ListeningLine, StringComparison.Ordinal))
        {
            _listening.TrySetResult();
        }
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
