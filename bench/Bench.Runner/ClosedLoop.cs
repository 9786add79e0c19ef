using System.Collections.Concurrent;
using System.Diagnostics;

namespace Bench.Runner;

internal sealed record LoopResult(int Workers, double Seconds, long Succeeded, long Failed, double P50Ms, double P99Ms, double MaxMs, long Over250Ms)
{
    public double PerSecond => Succeeded / Seconds;

    /// <summary>CPU time the gateway spent per successful request (user + system), in microseconds.</summary>
    public double ServerCpuUs { get; init; }
}

/// <summary>N workers, each sending its next request as soon as the previous one answered, for a fixed time.</summary>
internal static class ClosedLoop
{
    public static async Task<LoopResult> RunAsync(int workers, TimeSpan duration, Func<int, Task<bool>> once)
    {
        var latencies = new ConcurrentBag<double>();
        long succeeded = 0;
        long failed = 0;
        var clock = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, workers).Select(async worker =>
        {
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                var ok = await once(worker);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Interlocked.Increment(ref ok ? ref succeeded : ref failed);
            }
        });
        await Task.WhenAll(tasks);
        var seconds = clock.Elapsed.TotalSeconds;
        var sorted = latencies.Order().ToList();
        return new LoopResult(workers, seconds, succeeded, failed,
            Percentiles.Of(sorted, 50), Percentiles.Of(sorted, 99), sorted.Count == 0 ? 0 : sorted[^1], sorted.Count(ms => ms > 250));
    }
}
