using System.Diagnostics;
using System.Net;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Telemetry;

/// <summary>Without any exporter the downstream still gets the W3C trace context of the request it serves.</summary>
public sealed class TraceContextForwardingTests : IAsyncLifetime
{
    private RecordingDownstream _downstream = null!;

    public async Task InitializeAsync() => _downstream = await RecordingDownstream.StartAsync();

    public async Task DisposeAsync() => await _downstream.DisposeAsync();

    [Fact]
    public async Task ProxiedRequest_WithTraceparent_DownstreamGetsTheSameTraceUnderANewParent()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();
        var traceId = ActivityTraceId.CreateRandom();
        var parent = ActivitySpanId.CreateRandom();

        var response = await browser.GetAsync("/api/orders", request => request.Headers.Add("traceparent", $"00-{traceId}-{parent}-01"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var forwarded = Assert.Single(_downstream.Received).Header("traceparent");
        Assert.NotNull(forwarded);
        Assert.StartsWith($"00-{traceId}-", forwarded, StringComparison.Ordinal);
        Assert.DoesNotContain(parent.ToString(), forwarded, StringComparison.Ordinal);
    }
}
