using Microsoft.Extensions.Options;

namespace Gateway.Cleanup;

/// <summary>Runs the cleaner on its interval, each run in its own scope; a failed run is logged and the next one tries again.</summary>
internal sealed class CleanupService(
    IServiceScopeFactory scopeFactory,
    TimeProvider time,
    IOptions<CleanupOptions> options,
    ILogger<CleanupService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopeFactory.CreateAsyncScope();
                var removed = await scope.ServiceProvider.GetRequiredService<ExpiredDataCleaner>().RunOnceAsync(stoppingToken);
                CleanupLog.CleanupCompleted(logger, removed);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The database may be unreachable for a while; expired rows can wait for the next run.
                CleanupLog.CleanupFailed(logger, exception);
            }
        }
    }
}
