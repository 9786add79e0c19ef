using System.Collections.Concurrent;
using System.Diagnostics;

namespace Bench.Runner;

/// <summary>
/// A fixed offered rate spread over N sessions: each session sends on its own schedule (one request every
/// N / rate seconds, staggered), never two at once. Latency counts from the scheduled send time, so a slow answer
/// also charges the requests it delayed (no coordinated omission).
/// </summary>
internal static class OpenLoop
{
    public static async Task<LoopResult> RunAsync(int sessions, double perSecond, TimeSpan duration, Func<int, Task<bool>> once)
    {
        var period = TimeSpan.FromSeconds(sessions / perSecond);
        var latencies = new ConcurrentBag<double>();
        long succeeded = 0;
        long failed = 0;
        var clock = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, sessions).Select(async session =>
        {
            var due = period * session / sessions;
            while (due < duration)
            {
                var wait = due - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }

                var ok = await once(session);
                latencies.Add((clock.Elapsed - due).TotalMilliseconds);
                Interlocked.Increment(ref ok ? ref succeeded : ref failed);
                due += period;
            }
        });
        await Task.WhenAll(tasks);
        var seconds = Math.Max(clock.Elapsed.TotalSeconds, duration.TotalSeconds);
        var sorted = latencies.Order().ToList();
        return new LoopResult(sessions, seconds, succeeded, failed,
            Percentiles.Of(sorted, 50), Percentiles.Of(sorted, 99), sorted.Count == 0 ? 0 : sorted[^1], sorted.Count(ms => ms > 250));
    }
}
