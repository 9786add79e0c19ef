namespace Gateway.Telemetry;

internal sealed class TelemetryOptions
{
    public const string SectionName = "Gateway:Telemetry";

    /// <summary>
    /// Port on which <c>GET /metrics</c> serves the Prometheus text format, and nothing else; unset (default): no
    /// Prometheus endpoint. It listens on the host of the gateway's first address; the public port never serves it.
    /// </summary>
    public int? PrometheusPort { get; set; }
}
