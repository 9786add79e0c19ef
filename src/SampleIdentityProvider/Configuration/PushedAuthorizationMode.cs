namespace SampleIdentityProvider.Configuration;

/// <summary>Whether the provider offers pushed authorization requests (RFC 9126).</summary>
public enum PushedAuthorizationMode
{
    /// <summary>The endpoint is advertised and optional.</summary>
    Enabled,

    /// <summary>The endpoint is advertised with <c>require_pushed_authorization_requests</c>; plain requests are refused.</summary>
    Required,

    /// <summary>No endpoint: discovery names none.</summary>
    Disabled,
}
