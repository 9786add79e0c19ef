namespace Gateway.Sessions.Refresh;

/// <summary>Everything the refresh decision needs about a presented token, read in one query.</summary>
internal sealed record RefreshTokenState(
    string SessionId,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? ConsumedAt,
    string? SuccessorCookies,
    bool SuccessorIsCurrent,
    string UserId,
    string UserName,
    IReadOnlyList<string> Roles,
    DateTimeOffset SessionExpiresAt,
    DateTimeOffset? SessionRevokedAt);
