using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Storage;

internal static class StorageServiceCollectionExtensions
{
    public const string ConnectionStringName = "Gateway";

    /// <summary>
    /// The database (SQLite by default), its raw connection factory and the write gate. Configuration is read
    /// when the services are first resolved, so every configuration source (tests', environment's) counts.
    /// </summary>
    public static IServiceCollection AddGatewayStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());

        services.TryAddSingleton(provider => new GatewayDatabase(
            provider.GetRequiredService<IOptions<StorageOptions>>().Value.Provider,
            ResolveConnectionString(provider)));
        services.TryAddSingleton(provider =>
            new DatabaseWriteGate(serialize: provider.GetRequiredService<GatewayDatabase>().Provider == StorageProvider.Sqlite));

        services.AddDbContext<SqliteGatewayDbContext>((provider, builder) => builder
            .UseSqlite(provider.GetRequiredService<GatewayDatabase>().ConnectionString)
            .AddInterceptors(new SqliteConnectionSetup(), new CommandCountingInterceptor(provider.GetRequiredService<GatewayDatabase>())));
        services.TryAddScoped<GatewayDbContext>(provider => provider.GetRequiredService<GatewayDatabase>().Provider switch
        {
            StorageProvider.Sqlite => provider.GetRequiredService<SqliteGatewayDbContext>(),
            var other => throw new NotSupportedException($"Storage provider {other} is not available."),
        });

        services.AddHostedService<DatabaseMigrator>();
        return services;
    }

    private static string ResolveConnectionString(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
        var configured = provider.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return options.Provider == StorageProvider.Sqlite ? SqliteConnectionSetup.WithDefaults(configured) : configured;
        }

        var folder = Path.GetFullPath(options.DataPath, provider.GetRequiredService<IHostEnvironment>().ContentRootPath);
        return SqliteConnectionSetup.WithDefaults($"Data Source={Path.Combine(folder, "gateway.db")}");
    }
}
