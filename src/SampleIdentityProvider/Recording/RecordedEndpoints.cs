namespace SampleIdentityProvider.Recording;

/// <summary>The values of <see cref="ProviderRequestRecord.Endpoint"/>.</summary>
public static class RecordedEndpoints
{
    /// <summary>The token endpoint.</summary>
    public const string Token = "token";

    /// <summary>The revocation endpoint.</summary>
    public const string Revocation = "revocation";

    /// <summary>The pushed authorization request endpoint.</summary>
    public const string PushedAuthorization = "pushed_authorization";

    /// <summary>The authorization endpoint.</summary>
    public const string Authorization = "authorization";
}
