using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Cleanup;

internal static class CleanupServiceCollectionExtensions
{
    /// <summary>Background removal of expired tokens, ended sessions and old audit rows.</summary>
    public static IServiceCollection AddGatewayCleanup(this IServiceCollection services)
    {
        services.AddOptions<CleanupOptions>().BindConfiguration(CleanupOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CleanupOptions>, CleanupOptionsValidator>());
        services.TryAddScoped<ExpiredDataCleaner>();
        services.AddHostedService<CleanupService>();
        return services;
    }
}
