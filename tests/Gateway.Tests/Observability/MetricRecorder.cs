using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Gateway.Observability;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Observability;

/// <summary>Listens to one gateway's <c>Gateway</c> meter (not the other tests' gateways) and sums each instrument by tag value.</summary>
internal sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Instrument, string? Tag), long> _sums = new();

    public MetricRecorder(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == GatewayMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var tag = tags.Length > 0 ? tags[0].Value?.ToString() : null;
            _sums.AddOrUpdate((instrument.Name, tag), value, (_, sum) => sum + value);
        });
        _listener.Start();
    }

    public long Sum(string instrument, string tag) => _sums.GetValueOrDefault((instrument, tag));

    public void Dispose() => _listener.Dispose();
}
