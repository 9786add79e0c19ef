using Gateway.Observability;

namespace Gateway.Telemetry;

/// <summary>The meters and activity sources exported besides the instrumentation libraries' own.</summary>
internal static class TelemetrySources
{
    /// <summary>YARP 2.3 traces each forwarded request under this activity source; it publishes no meter of its own.</summary>
    public const string Yarp = "Yarp.ReverseProxy";

    public const string ServiceName = "gateway";

    public static readonly string[] Meters = [GatewayMetrics.MeterName];
}
