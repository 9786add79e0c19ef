namespace Gateway.Users;

internal enum PasswordChangeStatus
{
    Changed,

    /// <summary>A field is missing: <see cref="PasswordChangeResult.Detail"/> says which.</summary>
    Malformed,

    /// <summary>The user's credential-check budget is spent: wait <see cref="PasswordChangeResult.RetryAfter"/>.</summary>
    RateLimited,

    /// <summary>Too many password checks in progress: nothing was checked or changed.</summary>
    Busy,

    /// <summary>The current password is wrong, or the account is locked: one answer for both, counted like a failed login.</summary>
    WrongCurrentPassword,

    /// <summary>The new password is refused by the policy: <see cref="PasswordChangeResult.Detail"/> says why.</summary>
    Weak,

    /// <summary>The session's user no longer exists.</summary>
    UnknownUser,
}

internal sealed record PasswordChangeResult(PasswordChangeStatus Status, string? Detail = null, TimeSpan? RetryAfter = null)
{
    public static PasswordChangeResult Changed { get; } = new(PasswordChangeStatus.Changed);

    public static PasswordChangeResult Busy { get; } = new(PasswordChangeStatus.Busy);

    public static PasswordChangeResult WrongCurrentPassword { get; } = new(PasswordChangeStatus.WrongCurrentPassword);

    public static PasswordChangeResult UnknownUser { get; } = new(PasswordChangeStatus.UnknownUser);

    public static PasswordChangeResult Malformed(string detail) => new(PasswordChangeStatus.Malformed, detail);

    public static PasswordChangeResult Weak(string detail) => new(PasswordChangeStatus.Weak, detail);

    public static PasswordChangeResult RateLimited(TimeSpan retryAfter) => new(PasswordChangeStatus.RateLimited, RetryAfter: retryAfter);
}
