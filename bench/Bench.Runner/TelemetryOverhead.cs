using System.Globalization;

namespace Bench.Runner;

/// <summary>
/// The hot path's cost of telemetry: the same protected-route load against the gateway with telemetry off (the main
/// gateway), with the Prometheus endpoint on (the metrics SDK listening), and with OTLP too (metrics, a trace of every
/// request and logs, exported in batches to the downstream, which answers 200 to anything, as a collector would).
/// Each variant is its own gateway process on the same database; rounds alternate their order.
/// </summary>
internal static class TelemetryOverhead
{
    public const string Off = "telemetry off";
    public const string Prometheus = "Prometheus endpoint on";
    public const string PrometheusAndOtlp = "Prometheus + OTLP (metrics, traces, logs)";

    public static async Task<Dictionary<string, List<WrkResult>>> RunAsync(string gatewayDll, string work, Dictionary<string, string> gatewayConfig,
        int downstreamPort, (string Url, ChildProcess Server) off, string path, string script, string cookiesFile, int rounds, TimeSpan seconds, TimeSpan warmup)
    {
        var ports = ChildProcess.FreePorts(4);
        var invariant = CultureInfo.InvariantCulture;
        var prometheusConfig = new Dictionary<string, string>(gatewayConfig)
        {
            ["Gateway__Telemetry__PrometheusPort"] = ports[1].ToString(invariant),
        };
        var otlpConfig = new Dictionary<string, string>(gatewayConfig)
        {
            ["Gateway__Telemetry__PrometheusPort"] = ports[3].ToString(invariant),
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{downstreamPort}",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        };
        await using var prometheus = await ChildProcess.StartAsync("gateway, Prometheus", gatewayDll, ports[0], work, prometheusConfig,
            Path.Combine(work, "gateway-prometheus.log"));
        await using var otlp = await ChildProcess.StartAsync("gateway, Prometheus + OTLP", gatewayDll, ports[2], work, otlpConfig,
            Path.Combine(work, "gateway-otlp.log"));
        var variants = new (string Name, string Url, ChildProcess Server)[]
        {
            (Off, off.Url, off.Server),
            (Prometheus, $"http://127.0.0.1:{ports[0]}", prometheus),
            (PrometheusAndOtlp, $"http://127.0.0.1:{ports[2]}", otlp),
        };

        Console.WriteLine("telemetry: warming up");
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var variant in variants)
            {
                await Wrk.RunAsync(variant.Url, path, script, cookiesFile, 32, warmup);
            }
        }

        var results = variants.ToDictionary(variant => variant.Name, _ => new List<WrkResult>());
        for (var round = 0; round < rounds; round++)
        {
            foreach (var variant in round % 2 == 0 ? variants : variants.Reverse().ToArray())
            {
                var result = await Wrk.MeasureAsync(variant.Server, variant.Url, path, script, cookiesFile, 32, seconds);
                results[variant.Name].Add(result);
                Console.WriteLine($"telemetry round {round + 1} {variant.Name}: {result.RequestsPerSecond:F0} req/s p99 {result.P99Us / 1000.0:F2} ms " +
                    $"cpu {result.ServerCpuUs:F1} us/req errors {result.Errors}");
            }
        }

        var baseline = results[Off];
        foreach (var (name, measured) in results.Where(pair => pair.Key != Off))
        {
            Console.WriteLine($"telemetry {name}: {measured.Average(r => r.RequestsPerSecond) / baseline.Average(r => r.RequestsPerSecond):P1} of the req/s, " +
                $"{measured.Average(r => r.ServerCpuUs) / baseline.Average(r => r.ServerCpuUs):P1} of the CPU per request of telemetry off");
        }

        return results;
    }
}
