using System.Diagnostics;
using System.Net;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Gateway.Tests.Telemetry;

/// <summary>
/// What an exporter receives, read back with OpenTelemetry's in-memory exporter: the contract's instruments with their
/// tags, ASP.NET Core's, HttpClient's and the runtime's metrics, and one trace from the request through YARP to the
/// downstream. Exporters listen process-wide (parallel tests' gateways included), so counts are at least, not exactly.
/// </summary>
public sealed class TelemetryExportTests : IAsyncLifetime
{
    private readonly List<Metric> _metrics = [];
    private readonly List<Activity> _spans = [];
    private RecordingDownstream _downstream = null!;

    public async Task InitializeAsync() => _downstream = await RecordingDownstream.StartAsync();

    public async Task DisposeAsync() => await _downstream.DisposeAsync();

    [Fact]
    public async Task Metrics_SessionLifecycle_ExportedWithTheContractsNamesAndTags()
    {
        await using var gateway = Start();
        await gateway.CreateUserAsync("alice");
        using var browser = gateway.CreateBrowser();

        await browser.LoginAsync("alice", "not the password");
        await browser.LoginAsync("alice", GatewayFactory.Password);
        await browser.GetAsync("/api/orders");
        gateway.Clock.Advance(TimeSpan.FromMinutes(6));
        await browser.GetAsync("/api/orders");
        await browser.PostAsync("/auth/logout");
        await browser.GetAsync("/api/orders");
        var points = Flush(gateway);

        Assert.Contains(("gateway.logins", "outcome", "failed"), points.Keys);
        Assert.Contains(("gateway.logins", "outcome", "succeeded"), points.Keys);
        Assert.Contains(("gateway.refreshes", "outcome", "rotated"), points.Keys);
        Assert.Contains(("gateway.sessions.revoked", "reason", "logout"), points.Keys);
        Assert.Contains(("gateway.requests.refused", "reason", "unauthenticated"), points.Keys);
        Assert.Contains(("gateway.proxy.requests", "outcome", "forwarded"), points.Keys);
        Assert.Contains(("gateway.proxy.requests", "outcome", "refused"), points.Keys);
        // One per gateway in the process: a parallel test's gateway that refreshed shows up here too.
        var durations = _metrics.Where(metric => metric.Name == "gateway.refresh.duration").ToList();
        Assert.NotEmpty(durations);
        Assert.All(durations, duration =>
        {
            Assert.Equal(MetricType.Histogram, duration.MetricType);
            Assert.Equal("s", duration.Unit);
        });
    }

    [Theory]
    [InlineData("http.server.request.duration")]
    [InlineData("http.client.request.duration")]
    [InlineData("kestrel.active_connections")]
    [InlineData("dotnet.gc.collections")]
    public async Task Metrics_FrameworkInstruments_ExportedBesideTheGateways(string instrument)
    {
        await using var gateway = Start();
        using var browser = gateway.CreateBrowser();

        await browser.GetAsync("/public/status");
        Flush(gateway);

        Assert.Contains(_metrics, metric => metric.Name == instrument);
    }

    [Fact]
    public async Task Traces_ProxiedRequest_OneTraceFromTheClientThroughYarpToTheDownstream()
    {
        await using var gateway = Start();
        using var browser = gateway.CreateBrowser();
        var traceId = ActivityTraceId.CreateRandom();

        await browser.GetAsync("/public/status", request => request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01"));
        gateway.Services.GetRequiredService<TracerProvider>().ForceFlush();

        var trace = _spans.Where(span => span.TraceId == traceId).ToList();
        Assert.Contains(trace, span => span.Source.Name == "Microsoft.AspNetCore" && span.Kind == ActivityKind.Server);
        Assert.Contains(trace, span => span.Source.Name == "Yarp.ReverseProxy");
        Assert.Contains(trace, span => span.Source.Name == "System.Net.Http" && span.Kind == ActivityKind.Client);
        var forwarded = Assert.Single(_downstream.Received).Header("traceparent");
        Assert.StartsWith($"00-{traceId}-", forwarded, StringComparison.Ordinal);
    }

    private GatewayFactory Start() => new(_downstream)
    {
        TestServices = services => services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics.AddInMemoryExporter(_metrics))
            .WithTracing(tracing => tracing.AddInMemoryExporter(_spans)),
    };

    /// <summary>Collects now; every exported point by (instrument, first tag, its value), summed.</summary>
    private Dictionary<(string Instrument, string? Tag, string? Value), double> Flush(GatewayFactory gateway)
    {
        gateway.Services.GetRequiredService<MeterProvider>().ForceFlush();
        var points = new Dictionary<(string, string?, string?), double>();
        foreach (var metric in _metrics.Where(metric => metric.MeterName == "Gateway"))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                string? tag = null, value = null;
                foreach (var pair in point.Tags)
                {
                    (tag, value) = (pair.Key, pair.Value?.ToString());
                    break;
                }

                var key = (metric.Name, tag, value);
                points[key] = points.GetValueOrDefault(key) + (metric.MetricType == MetricType.Histogram ? point.GetHistogramCount() : point.GetSumLong());
            }
        }

        return points;
    }
}
