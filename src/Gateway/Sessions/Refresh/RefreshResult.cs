namespace Gateway.Sessions.Refresh;

internal enum RefreshOutcome
{
    /// <summary>New cookies: a fresh rotation, or the successor of a just-rotated token.</summary>
    Rotated,

    /// <summary>Definitive: the session is over (expired, revoked, reused, unknown). Clear the cookies.</summary>
    Ended,

    /// <summary>The database could not decide. Keep the cookies; the client retries.</summary>
    Unavailable,

    /// <summary>This token was presented too often in the last minute. Keep the cookies; the client waits.</summary>
    Throttled,
}

internal sealed record RefreshResult(RefreshOutcome Outcome, IssuedSession? Session, string Detail, TimeSpan? RetryAfter = null)
{
    public static RefreshResult Unavailable { get; } = new(RefreshOutcome.Unavailable, null, "database-unavailable");

    public static RefreshResult Rotated(IssuedSession session, string detail) => new(RefreshOutcome.Rotated, session, detail);

    public static RefreshResult Ended(string detail) => new(RefreshOutcome.Ended, null, detail);

    public static RefreshResult Throttled(TimeSpan retryAfter) => new(RefreshOutcome.Throttled, null, "throttled", retryAfter);
}
