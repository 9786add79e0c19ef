namespace Gateway.Users;

internal sealed class LockoutOptions
{
    public const string SectionName = "Gateway:Lockout";

    /// <summary>
    /// Failed sign-ins for one user name from one network (or from all unfamiliar networks together) within
    /// <see cref="Duration"/> that lock it from there; default 20.
    /// </summary>
    public int MaxFailedAttempts { get; set; } = 20;

    /// <summary>
    /// The window failures are counted in, and how long a lock then refuses every password from that network, the
    /// right one included; default 15 minutes.
    /// </summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);
}
