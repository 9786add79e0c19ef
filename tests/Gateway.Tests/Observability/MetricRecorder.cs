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
    private readonly ConcurrentDictionary<string, long> _counts = new();

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
            _counts.AddOrUpdate(instrument.Name, 1, (_, count) => count + 1);
        });
        _listener.Start();
    }

    public long Sum(string instrument, string tag) => _sums.GetValueOrDefault((instrument, tag));

    /// <summary>The sum over every tag value (or of an instrument without tags).</summary>
    public long Sum(string instrument) => _sums.Where(entry => entry.Key.Instrument == instrument).Sum(entry => entry.Value);

    /// <summary>How many measurements the instrument recorded, whatever their values (an up-down counter's +1 and -1 are two).</summary>
    public long Count(string instrument) => _counts.GetValueOrDefault(instrument);

    public void Dispose() => _listener.Dispose();
}
