using System.Text;

namespace Bench.Runner;

/// <summary>The telemetry section of the report: the hot path with telemetry off, Prometheus on, Prometheus and OTLP on.</summary>
internal sealed partial class Report
{
    /// <summary>Hot-path results by telemetry variant; empty when not run.</summary>
    public Dictionary<string, List<WrkResult>> Telemetry { get; init; } = [];

    private void AppendTelemetry(StringBuilder md)
    {
        if (!Telemetry.TryGetValue(TelemetryOverhead.Off, out var off))
        {
            return;
        }

        md.AppendLine("## Hot path with telemetry on").AppendLine();
        md.AppendLine("The protected-route load of the hot path against three gateway processes on the same database: telemetry off, the Prometheus endpoint on (`Gateway:Telemetry:PrometheusPort`: the OpenTelemetry metrics SDK listening to every instrument), and Prometheus plus OTLP (`OTEL_EXPORTER_OTLP_ENDPOINT`: metrics, a trace of every request with its ASP.NET Core, YARP and HttpClient spans, and logs, exported over HTTP to the downstream, which answers 200 like a collector). Rounds alternate the order. CPU per request is the server process's own CPU time, steadier than req/s on a shared 2-core machine.").AppendLine();
        md.AppendLine("| variant | req/s | of telemetry off | p99 ms | server CPU us/req | of telemetry off |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|");
        var offRps = off.Average(r => r.RequestsPerSecond);
        var offCpu = off.Average(r => r.ServerCpuUs);
        foreach (var (name, results) in Telemetry)
        {
            var rps = results.Average(r => r.RequestsPerSecond);
            var cpu = results.Average(r => r.ServerCpuUs);
            md.AppendLine(Invariant, $"| {name} | {rps:F0} | {rps / offRps:P1} | {results.Average(r => r.P99Us / 1000.0):F2} | {cpu:F1} | {cpu / offCpu:P1} |");
        }

        md.AppendLine();
    }
}
