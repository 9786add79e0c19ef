using Microsoft.Extensions.Options;

namespace Gateway.Tokens;

/// <summary>Initializes the ring before the gateway serves, then re-reads it on a short interval.</summary>
internal sealed class SigningKeyRingRefresher(
    SigningKeyRing ring,
    TimeProvider time,
    IOptions<TokenOptions> options,
    ILogger<SigningKeyRingRefresher> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await ring.InitializeAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.KeyRingRefreshInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await ring.ReloadAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The database may be briefly unreachable; the ring in memory keeps signing.
                TokensLog.KeyRingReloadFailed(logger, exception);
            }
        }
    }
}
