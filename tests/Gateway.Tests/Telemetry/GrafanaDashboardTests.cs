using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using Gateway.Observability;
using Gateway.Tests.Conventions;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Telemetry;

/// <summary>docs/grafana-dashboard.json queries the gateway's instruments by their Prometheus names, every one of them.</summary>
public sealed partial class GrafanaDashboardTests
{
    [Fact]
    public void Dashboard_QueriesEveryGatewayInstrumentAndNoOther()
    {
        var dashboard = File.ReadAllText(Path.Combine(SourceTree.RepositoryFolder, "docs", "grafana-dashboard.json"));
        var queried = GatewayMetricName().Matches(dashboard).Select(match => match.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

        var exported = PrometheusNames();

        Assert.Equal(exported.Order(), queried.Order());
    }

    // The OpenTelemetry Prometheus exporter's names: dots to underscores, the unit "s" as "_seconds", counters "_total",
    // histograms queried by their buckets, up-down counters (gauges) as they are.
    private static HashSet<string> PrometheusNames()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var names = new HashSet<string>(StringComparer.Ordinal);
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == GatewayMetrics.MeterName)
                {
                    var name = instrument.Name.Replace('.', '_') + (instrument.Unit == "s" ? "_seconds" : "");
                    names.Add(instrument switch
                    {
                        Counter<long> => name + "_total",
                        UpDownCounter<long> => name,
                        _ => name + "_bucket",
                    });
                }
            },
        };
        listener.Start();
        var metrics = new GatewayMetrics(services.GetRequiredService<IMeterFactory>());
        Assert.NotNull(metrics);
        return names;
    }

    [GeneratedRegex(@"\b(gateway_[a-z_]+)\b")]
    private static partial Regex GatewayMetricName();
}
