namespace SampleIdentityProvider.Faults;

/// <summary>What an endpoint does instead of answering, for tests of a client's failure handling.</summary>
public enum EndpointFault
{
    /// <summary>It answers normally.</summary>
    None,

    /// <summary>It answers <c>503 Service Unavailable</c> with <c>Retry-After: 1</c>.</summary>
    ServiceUnavailable,

    /// <summary>It never answers: the request hangs until the client gives up (or the provider stops).</summary>
    Hang,
}
