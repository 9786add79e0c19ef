namespace Gateway.Sessions.Connections;

/// <summary>
/// Once a second, closes the open connections whose session reached its absolute lifetime (<c>SessionLifetime</c>):
/// no revocation announces that end. The expiry of an access token alone closes nothing.
/// </summary>
internal sealed class OpenConnectionSweeper(OpenConnections connections, TimeProvider time, ILogger<OpenConnectionSweeper> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (connections.Count == 0)
            {
                continue;
            }

            try
            {
                connections.CloseExpired(time.GetUtcNow());
            }
            catch (Exception exception)
            {
                // Keep sweeping: one bad pass must not leave every later expiry open.
                ConnectionsLog.ConnectionSweepFailed(logger, exception);
            }
        }
    }
}
