namespace Gateway.RateLimiting;

/// <summary>
/// One unit spent from a login budget (an attempt from a client, a failure against a user name from a network),
/// kept until its window has passed. A budget is the number of its rows still live: a sliding window, exact at
/// every instant, shared by every instance that reads the same table.
/// </summary>
internal sealed class LoginAttempt
{
    public long Id { get; init; }

    /// <summary>The budget (<see cref="LoginBudgetKeys"/>); never a password, only user names and addresses.</summary>
    public required string Key { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }
}
