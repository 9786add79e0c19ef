namespace SampleIdentityProvider.Faults;

/// <summary>Fault switches, settable while the provider runs (from the test process, or through <c>PUT /_test/faults</c>).</summary>
public sealed class ProviderFaults
{
    private readonly Lock _lock = new();
    private volatile FaultSettings _settings = new();

    /// <summary>The token endpoint (every grant type).</summary>
    public EndpointFault Token { get => _settings.Token; set => Update(current => current with { Token = value }); }

    /// <summary>The pushed authorization request endpoint.</summary>
    public EndpointFault PushedAuthorization { get => _settings.PushedAuthorization; set => Update(current => current with { PushedAuthorization = value }); }

    /// <summary>The revocation endpoint.</summary>
    public EndpointFault Revocation { get => _settings.Revocation; set => Update(current => current with { Revocation = value }); }

    /// <summary>The discovery document and the JWKS.</summary>
    public EndpointFault Discovery { get => _settings.Discovery; set => Update(current => current with { Discovery = value }); }

    /// <summary>Refresh token requests get <c>invalid_grant</c> (the grant is left as it is: switching back accepts it again).</summary>
    public bool RejectRefreshTokens { get => _settings.RejectRefreshTokens; set => Update(current => current with { RejectRefreshTokens = value }); }

    /// <summary>All switches at once.</summary>
    public FaultSettings Settings { get => _settings; set => Update(_ => value); }

    /// <summary>Every switch off.</summary>
    public void Reset() => Update(_ => new FaultSettings());

    private void Update(Func<FaultSettings, FaultSettings> change)
    {
        lock (_lock)
        {
            _settings = change(_settings);
        }
    }
}
