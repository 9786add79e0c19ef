using System.Diagnostics;

namespace Gateway.ScaleOut.Infrastructure;

/// <summary>The admin CLI as an operator runs it: the built gateway with a command, same environment as the instances.</summary>
internal static class GatewayCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<AdminResult> RunAsync(IReadOnlyDictionary<string, string> environment, string? standardInput, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(Paths.GatewayAssembly);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the CLI.");
        await process.StandardInput.WriteLineAsync(standardInput ?? "");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"gateway {string.Join(' ', args)} did not finish within {Timeout.TotalSeconds} s.");
        }

        return new AdminResult(process.ExitCode, await output, await error);
    }
}
