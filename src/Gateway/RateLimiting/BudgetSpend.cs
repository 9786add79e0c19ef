namespace Gateway.RateLimiting;

/// <summary>
/// One unit taken from a login budget (<see cref="Id"/> set), to keep or to give back with
/// <see cref="ILoginBudgetStore.RefundAsync"/>; or a refusal, with how long until a unit frees up.
/// </summary>
internal sealed record BudgetSpend(string Key, long? Id, TimeSpan RetryAfter)
{
    public bool Allowed => Id is not null;

    public static BudgetSpend Taken(string key, long id) => new(key, id, TimeSpan.Zero);

    public static BudgetSpend Refused(string key, TimeSpan retryAfter) =>
        new(key, null, retryAfter > TimeSpan.Zero ? retryAfter : TimeSpan.FromSeconds(1));
}
