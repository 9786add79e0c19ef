using Gateway.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gateway.Observability;

/// <summary>Ready means the database answers: without it no login, refresh or logout can be decided.</summary>
internal sealed class DatabaseHealthCheck(GatewayDatabase database) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await using var connection = await database.OpenConnectionAsync(timeout.Token);
            await using var command = database.CreateCommand(connection, """SELECT COUNT(*) FROM "SigningKeys" """);
            await command.ExecuteScalarAsync(timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Any failure to answer is "not ready"; the reason goes to the log, not to the client.
            return HealthCheckResult.Unhealthy("database unreachable", exception);
        }
    }
}
