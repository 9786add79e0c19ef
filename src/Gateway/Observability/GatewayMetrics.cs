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
    private readonly Counter<long> _providerRefreshes;
    private readonly Counter<long> _clientTokens;

    public GatewayMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _logins = meter.CreateCounter<long>("gateway.logins", description: "Login attempts by outcome.");
        _refreshes = meter.CreateCounter<long>("gateway.refreshes", description: "Refresh token presentations by outcome.");
        _revocations = meter.CreateCounter<long>("gateway.sessions.revoked", description: "Sessions revoked, by reason.");
        _refusals = meter.CreateCounter<long>("gateway.requests.refused", description: "Requests refused by a guard, by reason.");
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
}
