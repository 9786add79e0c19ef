using Gateway.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.RateLimiting;

internal static class RateLimitingServiceCollectionExtensions
{
    /// <summary>The rate limiter middleware's login policy (per client IP), the per-user-name and the per-refresh-token limiters.</summary>
    public static IServiceCollection AddGatewayRateLimiting(this IServiceCollection services)
    {
        services.AddValidatedOptions<RateLimitingOptions, RateLimitingOptionsValidator>(RateLimitingOptions.SectionName);
        services.TryAddSingleton<LoginRateLimits>();
        services.TryAddSingleton<RefreshRateLimits>();
        services.AddRateLimiter(limiter =>
        {
            limiter.OnRejected = LoginRateLimits.OnRejectedAsync;
            limiter.AddPolicy(LoginRateLimits.PolicyName,
                context => context.RequestServices.GetRequiredService<LoginRateLimits>().PartitionByClient(context));
        });
        return services;
    }
}
