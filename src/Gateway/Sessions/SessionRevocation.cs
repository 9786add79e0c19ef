namespace Gateway.Sessions;

/// <summary>Append-only log of revocations; instances poll it by sequence to fill their revoked-session sets.</summary>
internal sealed class SessionRevocation
{
    public long Seq { get; init; }

    public required string SessionId { get; init; }

    public DateTimeOffset RevokedAt { get; init; }
}
