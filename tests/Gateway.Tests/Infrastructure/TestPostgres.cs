using Gateway.Storage;
using Gateway.TestSupport;
using Npgsql;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL side of the tests: one throwaway server for the whole run, a database per gateway, each a copy
/// of one migrated template that already holds a signing key and a Data Protection key (CREATE DATABASE ...
/// TEMPLATE copies files, far cheaper than migrating and generating keys).
/// </summary>
internal static class TestPostgres
{
    private const string TemplateName = "gateway_template";

    private static readonly Lazy<ThrowawayPostgres> LazyServer = new(ThrowawayPostgres.Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<Task> Template = new(CreateTemplateAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lock Creating = new();

    public static ThrowawayPostgres Server => LazyServer.Value;

    public static string NewDatabaseName() => $"gw_{Guid.NewGuid():N}";

    /// <summary>The settings that point a gateway or the CLI at <paramref name="database"/>.</summary>
    public static Dictionary<string, string?> Settings(ThrowawayPostgres server, string database) => new()
    {
        ["Gateway:Storage:Provider"] = nameof(StorageProvider.Postgres),
        ["ConnectionStrings:Gateway"] = server.ConnectionString(database),
    };

    /// <summary>Creates <paramref name="database"/> as a copy of the template unless it exists (a second instance, or the CLI made it).</summary>
    public static void CopyTemplateTo(string database)
    {
        Template.Value.GetAwaiter().GetResult();
        lock (Creating)
        {
            if (!Server.DatabaseExistsAsync(database).GetAwaiter().GetResult())
            {
                Server.CreateDatabaseAsync(database, TemplateName).GetAwaiter().GetResult();
            }
        }
    }

    private static async Task CreateTemplateAsync()
    {
        using (var gateway = new GatewayFactory(databasePath: TemplateName, provider: StorageProvider.Postgres) { FreshDatabase = true })
        {
            _ = gateway.Server;
        }

        // A template may have no connection open while it is copied: the gateway's pool closed with its host.
        NpgsqlConnection.ClearAllPools();
        await Task.CompletedTask;
    }
}
