using Gateway.Http;
using Gateway.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting;

internal static class HostingServiceCollectionExtensions
{
    public const string ApplicationName = "Gateway";

    /// <summary>
    /// Data Protection with its key ring in the gateway's database (so restarts and every instance read each other's
    /// cookies), the clock, the start-up safety check and its one-line refusals.
    /// </summary>
    public static IServiceCollection AddGatewayHosting(this IServiceCollection services)
    {
        // Registered before AddDataProtection: hosted services start in order, and Data Protection's own one
        // would create a first key outside the start-up lock.
        services.AddHostedService<DataProtectionKeyRingInitializer>();
        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<GatewayDbContext>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<StartupSafetyCheck>();

        // Program prints an operator error in one line; the host's own log of it would add a stack trace.
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(provider => new StartupRefusalLoggerFactory(new LoggerFactory(
            provider.GetServices<ILoggerProvider>(),
            provider.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            provider.GetService<IOptions<LoggerFactoryOptions>>()))));
        return services;
    }
}
