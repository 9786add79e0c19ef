namespace Gateway.Observability;

internal sealed class DiagnosticsOptions
{
    public const string SectionName = "Gateway:Diagnostics";

    /// <summary>Serve <c>GET /_gateway/stats</c> to loopback callers (benchmarks, local checks); default false.</summary>
    public bool Enabled { get; set; }
}
