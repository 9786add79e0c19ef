using System.Diagnostics;
using System.Text;

namespace Gateway.E2E.Infrastructure;

/// <summary>
/// One real process (<c>dotnet &lt;dll&gt;</c>) with its standard output and error kept, so a failing test can show
/// what the server said. Disposing kills it.
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    // ASP.NET Core's lifetime log once Kestrel listens, which it does after every hosted service (migrations, key ring) started.
    private const string ListeningLine = "Now listening on:";

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AppProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static AppProcess Start(string name, string dll, string workingDirectory, IReadOnlyDictionary<string, string> environment,
        params string[] args)
    {
        var process = new Process { StartInfo = StartInfo(dll, workingDirectory, environment, args), EnableRaisingEvents = true };
        var app = new AppProcess(name, process);
        process.OutputDataReceived += (_, line) => app.Append(line.Data);
        process.ErrorDataReceived += (_, line) => app.Append(line.Data);
        process.Exited += (_, _) => app._listening.TrySetException(
            new InvalidOperationException($"{name} exited with code {process.ExitCode} before it was ready:\n{app.Output}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>Runs a command to its end (the admin CLI), feeding it <paramref name="input"/>; its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string dll, string workingDirectory,
        IReadOnlyDictionary<string, string> environment, string input, params string[] args)
    {
        var startInfo = StartInfo(dll, workingDirectory, environment, args);
        startInfo.RedirectStandardInput = true;
        using var process = Process.Start(startInfo)!;
        await process.StandardInput.WriteLineAsync(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ReadyTimeout);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    /// <summary>
    /// Waits for the process to say it listens (no polling), then checks <paramref name="url"/> answers 2xx; fails with
    /// the process's output if it exits first or takes too long.
    /// </summary>
    public async Task WaitUntilReadyAsync(Uri url)
    {
        try
        {
            await _listening.Task.WaitAsync(ReadyTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Name} did not listen within {ReadyTimeout.TotalSeconds} s:\n{Output}");
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.GetAsync(url);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{Name} listens but {url} answered {(int)response.StatusCode}:\n{Output}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static ProcessStartInfo StartInfo(string dll, string workingDirectory, IReadOnlyDictionary<string, string> environment, string[] args)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        return startInfo;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.Contains(ListeningLine, StringComparison.Ordinal))
        {
            _listening.TrySetResult();
        }
    }
}
