namespace Gateway.Oidc.Tokens;

/// <summary>
/// The OP's tokens of one gateway session (the gateway ↔ OP chain), server-side only. Every token column is a Data
/// Protection ciphertext with one purpose per token kind (ProviderTokenProtector). <see cref="Version"/>
/// grows at each change; a refresh takes <see cref="LeaseExpiresAt"/> first, so one instance at a time talks to the OP.
/// </summary>
internal sealed class ProviderGrant
{
    public required string SessionId { get; init; }

    /// <summary>The OP's <c>sub</c>.</summary>
    public required string Subject { get; init; }

    /// <summary>The OP's session (<c>sid</c> of the ID token), which back-channel logout names.</summary>
    public string? ProviderSessionId { get; init; }

    public string? IdToken { get; set; }

    /// <summary>Null when the OP issued none, or once it was revoked at the OP.</summary>
    public string? RefreshToken { get; set; }

    /// <summary>The access tokens for every resource/scope the session has used, in one ciphertext.</summary>
    public required string AccessTokens { get; set; }

    public long Version { get; set; }

    public DateTimeOffset? LeaseExpiresAt { get; set; }

    public string? LeaseHolder { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
