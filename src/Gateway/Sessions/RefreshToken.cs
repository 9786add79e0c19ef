namespace Gateway.Sessions;

/// <summary>One link of a session's rotation chain. Only the SHA-256 of the token is stored.</summary>
internal sealed class RefreshToken
{
    public required string Hash { get; init; }

    public required string SessionId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? ConsumedAt { get; set; }

    public string? SuccessorHash { get; set; }

    /// <summary>
    /// The successor's cookies (already Data Protection ciphertexts), kept only for the grace period so a
    /// presenter that lost the race gets exactly the winner's cookies; cleared by cleanup afterwards.
    /// </summary>
    public string? SuccessorCookies { get; set; }
}
