namespace Gateway.Users;

internal sealed class LockoutOptions
{
    public const string SectionName = "Gateway:Lockout";

    /// <summary>Consecutive failed sign-ins that lock an account; default 10.</summary>
    public int MaxFailedAttempts { get; set; } = 10;

    /// <summary>How long a locked account refuses every password, the right one included; default 15 minutes.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);
}
