namespace SampleIdentityProvider.Faults;

/// <summary>The fault switches as one value (the JSON of <c>/_test/faults</c>).</summary>
public sealed record FaultSettings
{
    /// <summary>See <see cref="ProviderFaults.Token"/>.</summary>
    public EndpointFault Token { get; init; }

    /// <summary>See <see cref="ProviderFaults.PushedAuthorization"/>.</summary>
    public EndpointFault PushedAuthorization { get; init; }

    /// <summary>See <see cref="ProviderFaults.Revocation"/>.</summary>
    public EndpointFault Revocation { get; init; }

    /// <summary>See <see cref="ProviderFaults.Discovery"/>.</summary>
    public EndpointFault Discovery { get; init; }

    /// <summary>See <see cref="ProviderFaults.RejectRefreshTokens"/>.</summary>
    public bool RejectRefreshTokens { get; init; }
}
