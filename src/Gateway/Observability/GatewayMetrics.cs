using System.Diagnostics.Metrics;

namespace Gateway.Observability;

/// <summary>The gateway's instruments, in one place; features call these methods and never create instruments.</summary>
internal sealed class GatewayMetrics
{
    public const string MeterName = "Gateway";

    private readonly Counter<long> _logins;
    private readonly Counter<long> _refreshes;
    private readonly Counter<long> _revocations;
    private readonly Counter<long> _refusals;
    private readonly UpDownCounter<long> _connectionsOpen;
    private readonly Counter<long> _connectionsClosed;
    private readonly Histogram<double> _refreshDuration;
    private readonly Counter<long> _reuses;
    private readonly Counter<long> _proxied;
    private readonly Counter<long> _providerRefreshes;
    private readonly Counter<long> _clientTokens;

    public GatewayMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _logins = meter.CreateCounter<long>("gateway.logins", description: "Login attempts by outcome.");
        _refreshes = meter.CreateCounter<long>("gateway.refreshes", description: "Refresh token presentations by outcome.");
        _revocations = meter.CreateCounter<long>("gateway.sessions.revoked", description: "Sessions revoked, by reason.");
        _refusals = meter.CreateCounter<long>("gateway.requests.refused", description: "Requests refused by a guard, by reason.");
        _connectionsOpen = meter.CreateUpDownCounter<long>("gateway.connections.open",
            description: "Proxied WebSockets and streamed answers open on protected routes.");
        _connectionsClosed = meter.CreateCounter<long>("gateway.connections.closed",
            description: "Open connections the gateway closed because their session ended, by reason.");
        _refreshDuration = meter.CreateHistogram(
            "gateway.refresh.duration", unit: "s", description: "Time to decide a refresh (rotation, grace successor or end), by outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _reuses = meter.CreateCounter<long>("gateway.refresh.reuses", description: "Refresh token reuse detected (the session is revoked).");
        _proxied = meter.CreateCounter<long>("gateway.proxy.requests", description: "Requests to proxy routes, by outcome: forwarded, refused by the gateway, or failed to reach the downstream.");
        _providerRefreshes = meter.CreateCounter<long>("gateway.provider.refreshes",
            description: "Refresh requests of users' OpenID Provider tokens sent by this instance, by outcome.");
        _clientTokens = meter.CreateCounter<long>("gateway.provider.client_tokens",
            description: "Client-credentials requests to the OpenID Provider sent by this instance, by outcome.");
    }

    public void Login(string outcome) => _logins.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Refresh(string outcome) => _refreshes.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void SessionsRevoked(string reason, int count) => _revocations.Add(count, new KeyValuePair<string, object?>("reason", reason));

    public void ProviderRefresh(string outcome) => _providerRefreshes.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void ClientToken(string outcome) => _clientTokens.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void RequestRefused(string reason) => _refusals.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void ConnectionOpened() => _connectionsOpen.Add(1);

    public void ConnectionEnded() => _connectionsOpen.Add(-1);

    public void ConnectionsClosed(string reason, int count) => _connectionsClosed.Add(count, new KeyValuePair<string, object?>("reason", reason));

    public void RefreshDecided(string outcome, TimeSpan duration) =>
        _refreshDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));

    public void ReuseDetected() => _reuses.Add(1);

    public void ProxiedRequest(string outcome) => _proxied.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
