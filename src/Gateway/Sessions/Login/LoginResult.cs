namespace Gateway.Sessions.Login;

internal enum LoginStatus
{
    SignedIn,

    /// <summary>The body is not a login: <see cref="LoginResult.Detail"/> says why.</summary>
    Malformed,

    /// <summary>Too many attempts for this user name: wait <see cref="LoginResult.RetryAfter"/>.</summary>
    RateLimited,

    /// <summary>Too many password checks in progress: nothing was checked, retry shortly.</summary>
    Busy,

    /// <summary>Unknown user, wrong password or locked account: one answer for all three.</summary>
    Refused,
}

/// <summary>What a login attempt came to; the endpoint maps it to an answer.</summary>
internal sealed record LoginResult(LoginStatus Status, IssuedSession? Session = null, string? Detail = null, TimeSpan? RetryAfter = null)
{
    public static LoginResult Busy { get; } = new(LoginStatus.Busy);

    public static LoginResult Refused { get; } = new(LoginStatus.Refused);

    public static LoginResult SignedIn(IssuedSession session) => new(LoginStatus.SignedIn, session);

    public static LoginResult Malformed(string detail) => new(LoginStatus.Malformed, Detail: detail);

    public static LoginResult RateLimited(TimeSpan retryAfter) => new(LoginStatus.RateLimited, RetryAfter: retryAfter);
}
