using Gateway.Storage;
using Npgsql;

namespace Gateway.Sessions.Revocation;

/// <summary>
/// On PostgreSQL: listens on <see cref="RevocationChannel"/> over a connection of its own and publishes each
/// revocation another instance (or the CLI) commits, a few milliseconds after the commit. When the connection breaks
/// (server restart, failover, a terminated backend, a black-holed server found by the keepalive) it reconnects with
/// growing, jittered delays and then polls once for what it missed; the revocation poll covers the gap meanwhile.
/// </summary>
internal sealed class RevocationListener(
    GatewayDatabase database,
    RevocationEvents events,
    RevocationPoller poller,
    TimeProvider time,
    ILogger<RevocationListener> logger) : BackgroundService
{
    /// <summary>The listener's <c>application_name</c> in <c>pg_stat_activity</c>.</summary>
    public const string ApplicationName = "gateway-revocation-listener";

    // A silent connection is probed this often, so a server that stopped answering is noticed within about twice this.
    private const int KeepAliveSeconds = 5;

    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(30);

    private int _listening;

    /// <summary>Whether the channel is being listened to right now (and what was missed before has been read).</summary>
    public bool IsListening => Volatile.Read(ref _listening) == 1;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Provider != StorageProvider.Postgres)
        {
            return;
        }

        var connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString)
        {
            Pooling = false,
            ApplicationName = ApplicationName,
            KeepAlive = KeepAliveSeconds,
        }.ConnectionString;
        var retry = FirstRetry;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(connectionString, () => retry = FirstRetry, stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                RevocationLog.RevocationListenerLost(logger, retry.TotalSeconds, exception);
                await Task.Delay(Jittered(retry), time, stoppingToken);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LongestRetry.Ticks));
            }
        }
    }

    private async Task ListenAsync(string connectionString, Action connected, CancellationToken stoppingToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        connection.Notification += OnNotification;
        await connection.OpenAsync(stoppingToken);
        await using (var listen = new NpgsqlCommand($"LISTEN {RevocationChannel.Name}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        connected();
        RevocationLog.RevocationListenerListening(logger);

        // Whatever was committed while nobody listened (at start: since the poller loaded the log).
        await poller.PollOnceAsync(stoppingToken);
        Volatile.Write(ref _listening, 1);
        try
        {
            while (true)
            {
                await connection.WaitAsync(stoppingToken);
            }
        }
        finally
        {
            Volatile.Write(ref _listening, 0);
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs notification)
    {
        if (notification.Channel != RevocationChannel.Name)
        {
            return;
        }

        var (revokedAt, sessionIds) = RevocationChannel.Parse(notification.Payload);
        foreach (var sessionId in sessionIds)
        {
            events.SessionEnded(sessionId, revokedAt);
        }
    }

    // N instances that lost the server together do not all come back in the same millisecond.
    private static TimeSpan Jittered(TimeSpan delay) => delay * (0.8 + 0.4 * Random.Shared.NextDouble());
}
