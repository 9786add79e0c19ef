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
    }

    public void Login(string outcome) => _logins.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Refresh(string outcome) => _refreshes.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void SessionsRevoked(string reason, int count) => _revocations.Add(count, new KeyValuePair<string, object?>("reason", reason));

    public void RequestRefused(string reason) => _refusals.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void ConnectionOpened() => _connectionsOpen.Add(1);

    public void ConnectionEnded() => _connectionsOpen.Add(-1);

    public void ConnectionsClosed(string reason, int count) => _connectionsClosed.Add(count, new KeyValuePair<string, object?>("reason", reason));
}
