using Gateway.Storage;
using Gateway.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gateway.Sessions.Revocation;

/// <summary>
/// Fills the revoked-session set from the database's revocation log: at start with every revocation whose
/// access tokens may still be alive, then by polling past a watermark about once a second. On PostgreSQL the
/// <see cref="RevocationListener"/> brings revocations sooner; this poll is the safety net for notifications lost
/// while its connection was down, and the only way on SQLite for revocations made by the CLI.
/// </summary>
internal sealed class RevocationPoller(
    IServiceScopeFactory scopeFactory,
    RevokedSessions revoked,
    RevocationEvents events,
    TimeProvider time,
    IOptions<SessionOptions> sessionOptions,
    IOptions<TokenOptions> tokenOptions,
    ILogger<RevocationPoller> logger) : BackgroundService
{
    private const int BatchSize = 1000;

    private readonly RevocationWatermark _watermark = new(gapTimeout: TimeSpan.FromSeconds(30));

    // The timer's polls and the listener's catch-up polls take turns: the watermark is not thread-safe.
    private readonly SemaphoreSlim _polling = new(1, 1);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopeFactory.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
            var since = time.GetUtcNow() - tokenOptions.Value.AccessTokenLifetime - TimeSpan.FromMinutes(1);
            var recent = await db.Set<SessionRevocation>().AsNoTracking()
                .Where(revocation => revocation.RevokedAt >= since)
                .ToListAsync(cancellationToken);
            foreach (var revocation in recent)
            {
                revoked.Add(revocation.SessionId, revocation.RevokedAt);
            }

            _watermark.Start(await db.Set<SessionRevocation>().MaxAsync(revocation => (long?)revocation.Seq, cancellationToken) ?? 0);
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(sessionOptions.Value.RevocationPollInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await PollOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Keep polling: a database blip must not stop revocations from reaching this instance.
                RevocationLog.RevocationPollFailed(logger, exception);
            }
        }
    }

    public async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        await _polling.WaitAsync(cancellationToken);
        try
        {
            await PollAsync(cancellationToken);
        }
        finally
        {
            _polling.Release();
        }
    }

    public override void Dispose()
    {
        _polling.Dispose();
        base.Dispose();
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        var now = time.GetUtcNow();

        // Read everything past the watermark in batches; an open gap moves the watermark back, not the cursor.
        var cursor = _watermark.PollAfter;
        List<SessionRevocation> batch;
        do
        {
            var after = cursor;
            batch = await db.Set<SessionRevocation>().AsNoTracking()
                .Where(revocation => revocation.Seq > after)
                .OrderBy(revocation => revocation.Seq)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            foreach (var revocation in batch)
            {
                events.SessionEnded(revocation.SessionId, revocation.RevokedAt);
                _watermark.Observe(revocation.Seq, now);
                cursor = revocation.Seq;
            }
        }
        while (batch.Count == BatchSize);

        _watermark.ExpireGaps(now);
        revoked.ForgetExpired();
    }
}
