using Microsoft.EntityFrameworkCore;
using SampleIdentityProvider.Configuration;

namespace SampleIdentityProvider.Storage;

internal static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddProviderStorage(this IServiceCollection services, SampleIdentityProviderOptions options)
    {
        services.AddSingleton(_ => new ProviderDatabase(options.DataDirectory));
        services.AddDbContext<ProviderDbContext>((provider, builder) => builder
            .UseSqlite(provider.GetRequiredService<ProviderDatabase>().ConnectionString)
            .UseOpenIddict());
        services.AddHostedService<ProviderDatabaseInitializer>();
        return services;
    }
}
