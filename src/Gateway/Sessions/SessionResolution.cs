using Gateway.Sessions.HotPath;
using Gateway.Sessions.Refresh;
namespace Gateway.Sessions;

internal enum SessionState
{
    /// <summary>A valid access cookie: nothing touched but memory.</summary>
    Live,

    /// <summary>The access token had expired; the refresh token was rotated. Set <see cref="SessionResolution.Issued"/>'s cookies.</summary>
    Refreshed,

    /// <summary>No usable session. Clear the cookies if the request carried any.</summary>
    None,

    /// <summary>A refresh was needed and the database could not decide: 503, keep the cookies.</summary>
    Unavailable,

    /// <summary>A refresh was needed and this token was presented too often: 429, keep the cookies.</summary>
    Throttled,
}

internal readonly record struct SessionResolution(SessionState State, VerifiedAccess? Access, IssuedSession? Issued, bool HadCookies,
    TimeSpan? RetryAfter = null)
{
    /// <summary>Live or just refreshed: the request may go on.</summary>
    public bool IsUsable => State is SessionState.Live or SessionState.Refreshed;

    public static SessionResolution Unavailable => new(SessionState.Unavailable, null, null, HadCookies: true);

    public static SessionResolution From(RefreshResult result) => result.Outcome switch
    {
        RefreshOutcome.Rotated => new(SessionState.Refreshed, new VerifiedAccess(result.Session!.Ticket), result.Session, HadCookies: true),
        RefreshOutcome.Unavailable => Unavailable,
        RefreshOutcome.Throttled => new(SessionState.Throttled, null, null, HadCookies: true, result.RetryAfter),
        _ => None(hadCookies: true),
    };

    public static SessionResolution None(bool hadCookies) => new(SessionState.None, null, null, hadCookies);
}
