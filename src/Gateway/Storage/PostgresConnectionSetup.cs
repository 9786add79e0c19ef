using System.Data.Common;
using Npgsql;

namespace Gateway.Storage;

/// <summary>
/// Connection string defaults for PostgreSQL, each applied only where the operator set nothing, so that a lost,
/// black-holed or read-only server answers 503 within seconds (contract: within 10 s) instead of after Npgsql's
/// 15 s connect and 30 s command timeouts:
/// a 5 s connect timeout, a 5 s command timeout, 1 s to wait for a timed-out command's cancellation before the
/// connection is dropped, TCP keepalives that find a vanished server under an idle pooled connection, and, when
/// several hosts are listed, only a server that takes writes.
/// </summary>
internal static class PostgresConnectionSetup
{
    public const int ConnectTimeoutSeconds = 5;
    public const int CommandTimeoutSeconds = 5;
    public const int CancellationTimeoutMilliseconds = 1000;
    public const int TcpKeepAliveSeconds = 10;
    public const int TcpKeepAliveIntervalSeconds = 3;

    public static string WithDefaults(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var given = GivenKeys(connectionString);
        if (!given.Contains("TIMEOUT"))
        {
            builder.Timeout = ConnectTimeoutSeconds;
        }

        if (!given.Contains("COMMANDTIMEOUT"))
        {
            builder.CommandTimeout = CommandTimeoutSeconds;
        }

        if (!given.Contains("CANCELLATIONTIMEOUT"))
        {
            builder.CancellationTimeout = CancellationTimeoutMilliseconds;
        }

        if (!given.Contains("TCPKEEPALIVE") && !given.Contains("TCPKEEPALIVETIME") && !given.Contains("TCPKEEPALIVEINTERVAL"))
        {
            builder.TcpKeepAlive = true;
            builder.TcpKeepAliveTime = TcpKeepAliveSeconds;
            builder.TcpKeepAliveInterval = TcpKeepAliveIntervalSeconds;
        }

        // With several hosts Npgsql's default is any server, a standby included, where every write fails (25006).
        if (!given.Contains("TARGETSESSIONATTRIBUTES") && builder.Host?.Contains(',', StringComparison.Ordinal) == true)
        {
            builder.TargetSessionAttributes = "read-write";
        }

        return builder.ConnectionString;
    }

    // Npgsql accepts each keyword with or without its spaces and in any case ("Command Timeout", "commandtimeout").
    private static HashSet<string> GivenKeys(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return given.Keys.Cast<string>()
            .Select(key => key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant())
            .ToHashSet(StringComparer.Ordinal);
    }
}
