using System.Data.Common;
using Npgsql;

namespace Gateway.Storage;

/// <summary>
/// Connection string defaults for PostgreSQL, applied only where the operator set nothing: a short connect
/// timeout, so requests that need a lost server answer 503 within seconds instead of Npgsql's default 15 s.
/// </summary>
internal static class PostgresConnectionSetup
{
    private const int ConnectTimeoutSeconds = 5;

    public static string WithDefaults(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("Timeout"))
        {
            builder.Timeout = ConnectTimeoutSeconds;
        }

        return builder.ConnectionString;
    }
}
