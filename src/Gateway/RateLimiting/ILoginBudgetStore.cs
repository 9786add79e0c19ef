namespace Gateway.RateLimiting;

/// <summary>
/// Login budgets as sliding windows: a budget allows <c>limit</c> units live at once, each live for its window
/// after it was spent. A unit is taken before the work it pays for (checking a password), so concurrent attempts
/// can never overdraw a budget, and given back when the attempt turns out not to count (a correct password).
/// Two implementations: in this process's memory (one SQLite instance), and in the database (shared by every
/// instance on PostgreSQL, and the lockout everywhere).
/// </summary>
internal interface ILoginBudgetStore
{
    /// <summary>Takes a unit of <paramref name="key"/> unless <paramref name="limit"/> are live or the budget is locked.</summary>
    Task<BudgetSpend> TrySpendAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>Gives a unit back: the attempt it paid for did not count.</summary>
    Task RefundAsync(BudgetSpend spend, CancellationToken cancellationToken);

    /// <summary>
    /// Locks <paramref name="key"/> for <paramref name="duration"/> if <paramref name="limit"/> units are live and it is not
    /// locked yet. True only for the one call that locked it.
    /// </summary>
    Task<bool> LockIfSpentAsync(string key, int limit, TimeSpan duration, CancellationToken cancellationToken);
}
