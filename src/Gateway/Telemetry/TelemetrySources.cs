using Gateway.Observability;

namespace Gateway.Telemetry;

/// <summary>The meters and activity sources exported besides the instrumentation libraries' own.</summary>
internal static class TelemetrySources
{
    /// <summary>YARP 2.3 traces each forwarded request under this activity source; it publishes no meter of its own.</summary>
    public const string Yarp = "Yarp.ReverseProxy";

    public const string ServiceName = "gateway";

    public static readonly string[] Meters = [GatewayMetrics.MeterName];

    /// <summary>
    /// Framework instruments recorded on every request (or every buffer rented) that no dashboard of the gateway reads:
    /// dropped, so the SDK does not even listen to them.
    /// </summary>
    public static bool IsDroppedPerRequestInstrument(string name) =>
        name.StartsWith("aspnetcore.memory_pool.", StringComparison.Ordinal) || name == "aspnetcore.routing.match_attempts";
}
