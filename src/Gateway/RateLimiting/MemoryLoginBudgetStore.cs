namespace Gateway.RateLimiting;

/// <summary>
/// Login budgets in this process's memory: the per-client and per-user-name limits of a single SQLite instance.
/// Written by hand because System.Threading.RateLimiting has no way to give a permit back (only failed attempts
/// may spend a user name's budget) and its sliding window is approximate. One lock: the work inside is a few list
/// operations, next to a login's PBKDF2.
/// </summary>
internal sealed class MemoryLoginBudgetStore(TimeProvider time) : ILoginBudgetStore
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, Budget> _budgets = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _lastId;
    private DateTimeOffset _nextSweep;

    public Task<BudgetSpend> TrySpendAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            SweepIfDue(now);
            var budget = Live(key, now);
            if (budget.LockedUntil > now)
            {
                return Task.FromResult(BudgetSpend.Refused(key, budget.LockedUntil - now));
            }

            if (budget.Spent.Count >= limit)
            {
                return Task.FromResult(BudgetSpend.Refused(key, budget.Spent.Min(unit => unit.ExpiresAt) - now));
            }

            var id = ++_lastId;
            budget.Spent.Add((id, now + window));
            return Task.FromResult(BudgetSpend.Taken(key, id));
        }
    }

    public Task RefundAsync(BudgetSpend spend, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (spend.Id is { } id && _budgets.TryGetValue(spend.Key, out var budget))
            {
                budget.Spent.RemoveAll(unit => unit.Id == id);
            }
        }

        return Task.CompletedTask;
    }

    public Task<bool> LockIfSpentAsync(string key, int limit, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            var budget = Live(key, now);
            if (budget.LockedUntil > now || budget.Spent.Count < limit)
            {
                return Task.FromResult(false);
            }

            budget.LockedUntil = now + duration;
            return Task.FromResult(true);
        }
    }

    private Budget Live(string key, DateTimeOffset now)
    {
        if (!_budgets.TryGetValue(key, out var budget))
        {
            budget = new Budget();
            _budgets[key] = budget;
        }

        budget.Spent.RemoveAll(unit => unit.ExpiresAt <= now);
        return budget;
    }

    // Budgets of clients and user names seen once would otherwise stay forever.
    private void SweepIfDue(DateTimeOffset now)
    {
        if (now < _nextSweep)
        {
            return;
        }

        _nextSweep = now + SweepInterval;
        foreach (var (key, budget) in _budgets)
        {
            budget.Spent.RemoveAll(unit => unit.ExpiresAt <= now);
            if (budget.Spent.Count == 0 && budget.LockedUntil <= now)
            {
                _budgets.Remove(key);
            }
        }
    }

    private sealed class Budget
    {
        public List<(long Id, DateTimeOffset ExpiresAt)> Spent { get; } = [];

        public DateTimeOffset LockedUntil { get; set; }
    }
}
