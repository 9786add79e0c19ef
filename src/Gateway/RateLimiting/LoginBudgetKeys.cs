namespace Gateway.RateLimiting;

/// <summary>
/// The names of the login budgets. A user name's budgets are split by network: one per network the user signed
/// in from lately (<c>203.0.113.0/24</c>), one for all other networks together (<see cref="Unfamiliar"/>).
/// User names hold no <c>|</c> (Users/UserNameRules), so keys cannot collide.
/// </summary>
internal static class LoginBudgetKeys
{
    public const int MaxLength = 160;

    /// <summary>The network part of a user name's budget for every network the user has not signed in from lately.</summary>
    public const string Unfamiliar = "*";

    /// <summary>Every attempt from one client (IPv4 address or IPv6 /64).</summary>
    public static string Client(string clientKey) => $"ip|{clientKey}";

    /// <summary>Failed attempts per minute against a user name from a network (or from all unfamiliar ones).</summary>
    public static string UserRate(string normalizedUserName, string network) => $"user|{normalizedUserName}|{network}";

    /// <summary>Failed attempts within the lockout window against a user name from a network (or from all unfamiliar ones).</summary>
    public static string Lockout(string normalizedUserName, string network) => $"lock|{normalizedUserName}|{network}";

    /// <summary>What every lockout budget of a user name starts with, whatever the network.</summary>
    public static string LockoutPrefix(string normalizedUserName) => Lockout(normalizedUserName, "");
}
