namespace Gateway.Oidc.Logout;

/// <summary>Works through <see cref="ProviderRevocationQueue"/>, a few sessions at a time; a failure is logged and the next one goes on.</summary>
internal sealed class ProviderRevocationWorker(ProviderRevocationQueue queue, ProviderRefreshTokenRevoker revoker, ILogger<ProviderRevocationWorker> logger)
    : BackgroundService
{
    private const int Parallelism = 4;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Parallel.ForEachAsync(queue.Reader.ReadAllAsync(stoppingToken),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = stoppingToken },
            async (sessionId, cancellationToken) =>
            {
                try
                {
                    await revoker.RevokeAsync(sessionId, retry: true, cancellationToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // One session's failure (the database, say) must not stop the others' revocations.
                    LogoutLog.RefreshTokenRevocationError(logger, sessionId, exception);
                }
            });
}
