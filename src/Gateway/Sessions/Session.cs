namespace Gateway.Sessions;

/// <summary>A login and every refresh token rotated from it (the token family).</summary>
internal sealed class Session
{
    public required string Id { get; init; }

    /// <summary>The local user's id, or in OpenID Connect mode the OP's <c>sub</c> (up to 255 characters, OIDC Core section 2).</summary>
    public required string UserId { get; init; }

    /// <summary>
    /// The user's name and roles as the OP told them at login, for sessions without a local user (OpenID Connect
    /// mode); null for local sessions, whose name and roles are read from their user at each rotation.
    /// </summary>
    public string? UserName { get; init; }

    public IReadOnlyList<string>? Roles { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>Absolute end: login time plus SessionLifetime, whatever the rotations.</summary>
    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Idle end: the current refresh token's expiry, renewed at each rotation.</summary>
    public DateTimeOffset RefreshExpiresAt { get; set; }

    public string? UserAgent { get; set; }

    public string? Ip { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedReason { get; set; }
}
