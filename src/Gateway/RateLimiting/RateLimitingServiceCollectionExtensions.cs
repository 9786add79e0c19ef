using Gateway.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.RateLimiting;

internal static class RateLimitingServiceCollectionExtensions
{
    /// <summary>
    /// The login budgets (per client, per user name and network; in memory or in the database), the per-refresh-token
    /// limiter, and the rate limiter middleware's policy for routes that name it.
    /// </summary>
    public static IServiceCollection AddGatewayRateLimiting(this IServiceCollection services)
    {
        services.AddValidatedOptions<RateLimitingOptions, RateLimitingOptionsValidator>(RateLimitingOptions.SectionName);
        services.TryAddSingleton<MemoryLoginBudgetStore>();
        services.TryAddSingleton<DatabaseLoginBudgetStore>();
        services.TryAddSingleton<LoginRateLimits>();
        services.TryAddSingleton<RefreshRateLimits>();
        services.AddRateLimiter(limiter =>
        {
            limiter.OnRejected = RouteRateLimits.OnRejectedAsync;
            limiter.AddPolicy(RouteRateLimits.PolicyName, RouteRateLimits.PartitionByClient);
        });
        return services;
    }
}
