using System.Globalization;
using System.Text;

namespace Bench.Runner;

/// <summary>The PostgreSQL section of the report (its own file, so the SQLite report and this one change apart).</summary>
internal sealed partial class Report
{
    /// <summary>Rotations per second on PostgreSQL by instance count and sessions; empty when not run.</summary>
    public List<(string Name, LoopResult Result)> PostgresRefresh { get; init; } = [];

    private void AppendPostgresRefresh(StringBuilder md)
    {
        if (PostgresRefresh.Count == 0)
        {
            return;
        }

        md.AppendLine("## Refresh path (PostgreSQL, 1 and 3 instances)").AppendLine();
        md.AppendLine("A throwaway PostgreSQL 15 on the same machine (fsync off), gateways on it; with 3 instances the runner sends each request to the next instance in turn. Protected route, refresh cookie only: every request is a rotation decided by the database's one-statement conditional update.").AppendLine();
        md.AppendLine("| instances, sessions | rotations/s | p50 ms | p99 ms | max ms | over 250 ms | failed | gateways' CPU µs/rotation |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, result) in PostgresRefresh)
        {
            md.AppendLine(Invariant, $"| {name} | {result.PerSecond:F0} | {result.P50Ms:F1} | {result.P99Ms:F1} | {result.MaxMs:F1} | {result.Over250Ms} | {result.Failed} | {result.ServerCpuUs:F0} |");
        }

        // Issue 16's target is three instances; one instance is reported beside it, with its own count.
        var busy = PostgresRefresh.Where(r => r.Name.Contains("64 session(s)", StringComparison.Ordinal)).ToList();
        var three = busy.Where(r => r.Name.StartsWith("3 instance", StringComparison.Ordinal)).Sum(r => r.Result.Over250Ms);
        var one = busy.Where(r => r.Name.StartsWith("1 instance", StringComparison.Ordinal)).Sum(r => r.Result.Over250Ms);
        md.AppendLine();
        md.AppendLine(Invariant, $"- no request over 250 ms at 64 sessions on 3 instances: **{three}** over ({Verdict(three == 0)}); on 1 instance, reported beside it: {one} over");
        md.AppendLine();
        if (three + one > 0)
        {
            var worst = busy.Where(r => r.Result.Over250Ms > 0).MinBy(r => r.Result.PerSecond);
            md.AppendLine(Invariant, $"Why a request takes over 250 ms: each of the 64 sessions sends its next rotation as soon as the last is answered, so at {worst.Result.PerSecond:F0} rotations/s ({worst.Name}) a request takes {64 * 1000.0 / worst.Result.PerSecond:F0} ms on average, most of it queued behind the others (Little's law), and the tail is that queue meeting a garbage collection, a PostgreSQL background write or the new instances' JIT (they started seconds before). The gateways' CPU is not what limits it: with ES256 (a rotation about 240 µs cheaper) the 3-instance tail was the same in our runs (decision 0013). What would close it: the database and the instances on cores of their own, as in production, or fewer sessions per core.").AppendLine();
        }

        md.AppendLine("On one 2-core machine the three instances, the database and the load generator share the cores: the 3-instance rows measure deciding rotations across processes, not how far refresh scales on separate machines (see docs/deploy.md, what scales how).").AppendLine();
    }
}
