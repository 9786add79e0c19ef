using System.Net;
using Gateway.Forwarding;
using Microsoft.Extensions.Options;

namespace Gateway.RateLimiting;

/// <summary>
/// The per-minute login limits: every attempt per client (IPv4 address, IPv6 /64), and failed attempts per user
/// name and network (a network the user signed in from, or all others together). In this process's memory on
/// SQLite (one instance); in the database on PostgreSQL, so N instances together allow the configured rate.
/// Spent only once the request passed CSRF and body validation.
/// </summary>
internal sealed class LoginRateLimits(
    IOptions<RateLimitingOptions> options,
    MemoryLoginBudgetStore memory,
    DatabaseLoginBudgetStore database,
    Storage.GatewayDatabase gatewayDatabase)
{
    private ILoginBudgetStore Store => gatewayDatabase.Provider == Storage.StorageProvider.Postgres ? database : memory;

    /// <summary>Null when allowed; else how long to wait.</summary>
    public async Task<TimeSpan?> TrySpendForClientAsync(IPAddress? client, CancellationToken cancellationToken)
    {
        var current = options.Value;
        if (!current.Enabled)
        {
            return null;
        }

        var spend = await Store.TrySpendAsync(LoginBudgetKeys.Client(ClientNetwork.LimitKey(client)), current.LoginPermitsPerMinute,
            FixedWindows.Window, cancellationToken);
        return spend.Allowed ? null : spend.RetryAfter;
    }

    /// <summary>A unit of the user name's budget for <paramref name="network"/>, given back with <see cref="RefundAsync"/> unless the attempt fails; null when limits are off.</summary>
    public async Task<BudgetSpend?> TrySpendForUserAsync(string normalizedUserName, string network, CancellationToken cancellationToken)
    {
        var current = options.Value;
        return current.Enabled
            ? await Store.TrySpendAsync(LoginBudgetKeys.UserRate(normalizedUserName, network), current.LoginPermitsPerMinute,
                FixedWindows.Window, cancellationToken)
            : null;
    }

    public Task RefundAsync(BudgetSpend? spend, CancellationToken cancellationToken) =>
        spend is { Allowed: true } ? Store.RefundAsync(spend, cancellationToken) : Task.CompletedTask;
}
