using Gateway.RateLimiting;
using Microsoft.Extensions.Options;

namespace Gateway.Users;

/// <summary>
/// Smart lockout: a user name's failed sign-ins counted per network it signed in from lately, and for all other
/// networks together; <see cref="LockoutOptions.MaxFailedAttempts"/> within <see cref="LockoutOptions.Duration"/>
/// lock that user from that network (or from all unfamiliar ones) for <see cref="LockoutOptions.Duration"/>. Always
/// in the database: exact under concurrency, shared by every instance, kept across restarts.
/// </summary>
internal sealed class LoginLockout(DatabaseLoginBudgetStore store, IOptions<LockoutOptions> options)
{
    /// <summary>Taken before the password is checked, so parallel guesses cannot overdraw it; refused while locked.</summary>
    public Task<BudgetSpend> TrySpendAsync(string normalizedUserName, string network, CancellationToken cancellationToken) =>
        store.TrySpendAsync(LoginBudgetKeys.Lockout(normalizedUserName, network), options.Value.MaxFailedAttempts, options.Value.Duration,
            cancellationToken);

    /// <summary>A correct password: the attempt was no failure.</summary>
    public Task RefundAsync(BudgetSpend spend, CancellationToken cancellationToken) => store.RefundAsync(spend, cancellationToken);

    /// <summary>After a failure: locks when this failure filled the budget. True for the one failure that locked it.</summary>
    public Task<bool> LockIfFullAsync(string normalizedUserName, string network, CancellationToken cancellationToken) =>
        store.LockIfSpentAsync(LoginBudgetKeys.Lockout(normalizedUserName, network), options.Value.MaxFailedAttempts, options.Value.Duration,
            cancellationToken);
}
