namespace Gateway.Users;

internal sealed class LockoutOptions
{
    public const string SectionName = "Gateway:Lockout";

    /// <summary>
    /// Consecutive failed sign-ins that lock an account; default 20: two windows of the per-user-name rate limit
    /// (10 a minute), so what the limit lets a stranger try in one minute cannot lock the owner out.
    /// </summary>
    public int MaxFailedAttempts { get; set; } = 20;

    /// <summary>How long a locked account refuses every password, the right one included; default 15 minutes.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);
}
