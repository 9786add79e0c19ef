namespace Gateway.Sessions.Refresh;

internal enum RefreshDecision
{
    /// <summary>Unconsumed, unexpired, session live: try to consume it.</summary>
    Rotate,

    /// <summary>Just rotated, within the grace period, its successor still current: answer the successor's cookies.</summary>
    UseSuccessor,

    /// <summary>Consumed before and not excused by the grace period: a copy is in someone else's hands.</summary>
    Reuse,

    /// <summary>Unused for longer than the refresh token lifetime.</summary>
    TokenExpired,

    SessionRevoked,

    SessionExpired,
}
