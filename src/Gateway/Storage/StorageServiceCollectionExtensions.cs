using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Storage;

internal static class StorageServiceCollectionExtensions
{
    public const string ConnectionStringName = "Gateway";

    /// <summary>
    /// The database (SQLite by default, PostgreSQL by choice), its raw connection factory, the write gate and
    /// the start-up lock. Configuration is read when the services are first resolved, so every configuration
    /// source (tests', environment's) counts.
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
        services.TryAddSingleton<DatabaseStartupLock>();

        services.AddDbContext<SqliteGatewayDbContext>((provider, builder) => builder
            .UseSqlite(provider.GetRequiredService<GatewayDatabase>().ConnectionString)
            // Dropping a column or a foreign key rebuilds a SQLite table between PRAGMA foreign_keys off and on, which
            // SQLite allows only outside a transaction. The rebuild itself runs in one, and EF Core's migration lock keeps
            // other processes out. The warning would be printed on the first start after such a migration.
            .ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.NonTransactionalMigrationOperationWarning))
            .AddInterceptors(new SqliteConnectionSetup(), new CommandCountingInterceptor(provider.GetRequiredService<GatewayDatabase>())));
        services.AddDbContext<PostgresGatewayDbContext>((provider, builder) => builder
            .UseNpgsql(provider.GetRequiredService<GatewayDatabase>().DataSource)
            .AddInterceptors(new CommandCountingInterceptor(provider.GetRequiredService<GatewayDatabase>())));
        services.TryAddScoped<GatewayDbContext>(provider => provider.GetRequiredService<GatewayDatabase>().Provider switch
        {
            StorageProvider.Postgres => provider.GetRequiredService<PostgresGatewayDbContext>(),
            _ => provider.GetRequiredService<SqliteGatewayDbContext>(),
        });

        services.AddHostedService<DatabaseMigrator>();
        return services;
    }

    private static string ResolveConnectionString(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
        var configured = provider.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionStringName);
        if (options.Provider == StorageProvider.Postgres)
        {
            // The validator has refused an empty one at start.
            return PostgresConnectionSetup.WithDefaults(configured!);
        }

        if (!string.IsNullOrWhiteSpace(configured))
        {
            return SqliteConnectionSetup.WithDefaults(configured);
        }

        var folder = Path.GetFullPath(options.DataPath, provider.GetRequiredService<IHostEnvironment>().ContentRootPath);
        return SqliteConnectionSetup.WithDefaults($"Data Source={Path.Combine(folder, "gateway.db")}");
    }
}
