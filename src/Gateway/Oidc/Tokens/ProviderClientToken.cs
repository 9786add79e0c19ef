namespace Gateway.Oidc.Tokens;

/// <summary>
/// A client-credentials token of the OP for one (resource, scope), shared by every user and instance. Same lease
/// and version as <see cref="ProviderGrant"/>: one request to the OP per (resource, scope) at a time, cluster-wide.
/// </summary>
internal sealed class ProviderClientToken
{
    /// <summary>SHA-256 (hex) of the resource and scope: any length of either fits the key.</summary>
    public required string Key { get; init; }

    /// <summary>Data Protection ciphertext; null until the first token arrives.</summary>
    public string? AccessToken { get; set; }

    public DateTimeOffset? ReceivedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public long Version { get; set; }

    public DateTimeOffset? LeaseExpiresAt { get; set; }

    public string? LeaseHolder { get; set; }
}
