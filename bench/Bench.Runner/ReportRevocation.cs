using System.Text;

namespace Bench.Runner;

/// <summary>The revocation-propagation section of the report.</summary>
internal sealed partial class Report
{
    /// <summary>Logout on one of 3 instances, refused by the others; null when not run.</summary>
    public PropagationResult? Revocation { get; init; }

    public static string RevocationSection(PropagationResult result)
    {
        var md = new StringBuilder();
        md.AppendLine("## Revocation across instances (PostgreSQL, 3 instances)").AppendLine();
        md.AppendLine(Invariant, $"Three gateways on a throwaway PostgreSQL 15 (same machine). {result.Rounds} rounds: a session signed in on one instance (in turn) and served by the other two is logged out; from the logout's answer each other instance is probed every {result.ProbeIntervalMs:F0} ms until it answers 401. The revocation travels by PostgreSQL `NOTIFY` (sent inside the revoking transaction, delivered at its commit); the once-a-second poll is the safety net.").AppendLine();
        md.AppendLine("| refusals | p50 ms | p99 ms | max ms | contract |");
        md.AppendLine("|---:|---:|---:|---:|---|");
        md.AppendLine(Invariant, $"| {result.SortedMs.Count} | {result.P50Ms:F1} | {result.P99Ms:F1} | {result.MaxMs:F1} | within 500 ms (p99): {Verdict(result.P99Ms <= 500)} |").AppendLine();
        return md.ToString();
    }

    private void AppendRevocation(StringBuilder md)
    {
        if (Revocation is { } result)
        {
            md.Append(RevocationSection(result));
        }
    }
}
