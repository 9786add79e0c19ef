using Gateway.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Cleanup;

internal static class CleanupServiceCollectionExtensions
{
    /// <summary>Background removal of expired tokens, ended sessions and old audit rows.</summary>
    public static IServiceCollection AddGatewayCleanup(this IServiceCollection services)
    {
        services.AddValidatedOptions<CleanupOptions, CleanupOptionsValidator>(CleanupOptions.SectionName);
        services.TryAddScoped<ExpiredDataCleaner>();
        services.AddHostedService<CleanupService>();
        return services;
    }
}
