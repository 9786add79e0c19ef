using System.Diagnostics;
using System.Text.Json;

namespace Bench.Runner;

internal sealed record WrkResult(long Requests, long DurationUs, long SocketErrors, long Non2xx, long P50Us, long P99Us, long P999Us, long MaxUs)
{
    public double RequestsPerSecond => Requests / (DurationUs / 1_000_000.0);

    public long Errors => SocketErrors + Non2xx;

    /// <summary>CPU time the measured server spent per request (user + system), in microseconds.</summary>
    public double ServerCpuUs { get; init; }

    /// <summary>Bytes the gateway allocated per request (its stats endpoint); null for servers without one.</summary>
    public double? AllocatedBytes { get; init; }
}

/// <summary>Runs wrk against one URL with the sessions script and reads the JSON line its done() prints.</summary>
internal static class Wrk
{
    /// <summary>The run, with the CPU time <paramref name="server"/> spent on it per request.</summary>
    /// <summary>The run, with the CPU time <paramref name="server"/> spent on it per request, and with
    /// <paramref name="countsAllocations"/> (a gateway with its stats endpoint on) the bytes it allocated per request.</summary>
    public static async Task<WrkResult> MeasureAsync(ChildProcess server, string url, string path, string script, string? cookiesFile, int connections,
        TimeSpan duration, bool countsAllocations = false)
    {
        var allocatedBefore = countsAllocations ? await GatewayClient.AllocatedBytesAsync(url) : 0;
        var before = server.CpuTime();
        var result = await RunAsync(url, path, script, cookiesFile, connections, duration);
        var cpu = server.CpuTime() - before;
        var allocated = countsAllocations ? await GatewayClient.AllocatedBytesAsync(url) - allocatedBefore : 0;
        return result with
        {
            ServerCpuUs = result.Requests == 0 ? 0 : cpu.TotalMicroseconds / result.Requests,
            AllocatedBytes = countsAllocations && result.Requests > 0 ? (double)allocated / result.Requests : null,
        };
    }

    public static async Task<WrkResult> RunAsync(string url, string path, string script, string? cookiesFile, int connections, TimeSpan duration)
    {
        var start = new ProcessStartInfo("wrk", ["-t1", $"-c{connections}", $"-d{(int)duration.TotalSeconds}s", "-s", script, url + path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["BENCH_PATH"] = path;
        if (cookiesFile is not null)
        {
            start.Environment["BENCH_COOKIES"] = cookiesFile;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var json = output.Split('\n').LastOrDefault(line => line.StartsWith('{'))
            ?? throw new InvalidOperationException($"wrk printed no result: {output} {await process.StandardError.ReadToEndAsync()}");
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new WrkResult(
            root.GetProperty("requests").GetInt64(), root.GetProperty("duration_us").GetInt64(),
            root.GetProperty("socket_errors").GetInt64(), root.GetProperty("non2xx").GetInt64(),
            root.GetProperty("p50_us").GetInt64(), root.GetProperty("p99_us").GetInt64(),
            root.GetProperty("p999_us").GetInt64(), root.GetProperty("max_us").GetInt64());
    }
}
