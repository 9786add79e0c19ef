using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Storage;

internal static class StorageServiceCollectionExtensions
{
    public const string ConnectionStringName = "Gateway";

    /// <summary>The database (SQLite by default), its raw connection factory and the write gate.</summary>
    public static IServiceCollection AddGatewayStorage(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());

        var options = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        var connectionString = ResolveConnectionString(configuration, options, contentRoot);

        services.TryAddSingleton(new GatewayDatabase(options.Provider, connectionString));
        services.TryAddSingleton(new DatabaseWriteGate(serialize: options.Provider == StorageProvider.Sqlite));

        if (options.Provider == StorageProvider.Sqlite)
        {
            services.AddDbContext<GatewayDbContext, SqliteGatewayDbContext>(builder => builder
                .UseSqlite(connectionString)
                .AddInterceptors(new SqliteConnectionSetup()));
        }

        services.AddHostedService<DatabaseMigrator>();
        return services;
    }

    private static string ResolveConnectionString(IConfiguration configuration, StorageOptions options, string contentRoot)
    {
        var configured = configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return options.Provider == StorageProvider.Sqlite ? SqliteConnectionSetup.WithDefaults(configured) : configured;
        }

        var folder = Path.GetFullPath(options.DataPath, contentRoot);
        return SqliteConnectionSetup.WithDefaults($"Data Source={Path.Combine(folder, "gateway.db")}");
    }
}
