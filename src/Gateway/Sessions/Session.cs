namespace Gateway.Sessions;

/// <summary>A login and every refresh token rotated from it (the token family).</summary>
internal sealed class Session
{
    public required string Id { get; init; }

    public required string UserId { get; init; }

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
