using Gateway.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gateway.Observability;

/// <summary>
/// Ready means the database answers within 2 s and takes writes: without them no login, refresh or logout can be
/// decided. On PostgreSQL a server that answers read-only (a standby, a demoted primary, a failover in progress) is
/// not ready. Concurrent and back-to-back checks share one probe (one per <see cref="CacheFor"/>, never two at once),
/// so a balancer's or an attacker's probes cost the database at most one query a second whatever their rate.
/// </summary>
internal sealed class DatabaseHealthCheck(GatewayDatabase database, TimeProvider time) : IHealthCheck
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    // transaction_read_only is on in a standby and wherever default_transaction_read_only is; the table proves the schema.
    private const string PostgresProbe = """SELECT current_setting('transaction_read_only') = 'off', EXISTS (SELECT 1 FROM "SigningKeys")""";
    private const string SqliteProbe = """SELECT 1, EXISTS (SELECT 1 FROM "SigningKeys")""";

    private readonly Lock _gate = new();
    private Task<HealthCheckResult>? _probe;
    private DateTimeOffset _checkedAt;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        Task<HealthCheckResult> probe;
        lock (_gate)
        {
            // One probe at a time: while one is under way (a frozen server), every check waits for that one.
            if (_probe is null || _probe.IsCompleted && time.GetUtcNow() - _checkedAt >= CacheFor)
            {
                _probe = ProbeAsync();
            }

            probe = _probe;
        }

        try
        {
            // Real time, like the driver's own timeouts. A caller that gives up leaves the probe to the others.
            return await probe.WaitAsync(Timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            return HealthCheckResult.Unhealthy("database did not answer in time");
        }
    }

    private async Task<HealthCheckResult> ProbeAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await using var connection = await database.OpenConnectionAsync(timeout.Token);
            await using var command = database.CreateCommand(connection,
                database.Provider == StorageProvider.Postgres ? PostgresProbe : SqliteProbe);
            await using var reader = await command.ExecuteReaderAsync(timeout.Token);
            await reader.ReadAsync(timeout.Token);
            return reader.GetBoolean(0)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("database read-only");
        }
        catch (Exception exception)
        {
            // Any failure to answer is "not ready"; the reason goes to the log, not to the client.
            return HealthCheckResult.Unhealthy("database unreachable", exception);
        }
        finally
        {
            lock (_gate)
            {
                _checkedAt = time.GetUtcNow();
            }
        }
    }
}
