using Gateway.Observability;
using Gateway.RateLimiting;
using Gateway.Sessions;
using Gateway.Storage;
using Gateway.Tokens;
using Gateway.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gateway.Cleanup;

/// <summary>
/// One cleanup pass, in small batches each under the write gate so a rotation never waits long:
/// consumed tokens past the grace period compacted to tombstones, expired refresh tokens, ended sessions (their tokens go with
/// them), revocation log rows no instance still needs, old audit rows.
/// </summary>
internal sealed class ExpiredDataCleaner(
    GatewayDbContext db,
    DatabaseWriteGate writeGate,
    TimeProvider time,
    IOptions<CleanupOptions> options,
    IOptions<TokenOptions> tokenOptions)
{
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var cleanup = options.Value;
        var tokens = tokenOptions.Value;
        var graceEnded = now - tokens.RefreshGracePeriod;
        var sessionsEnded = now - cleanup.EndedSessionRetention;
        var revocationsUnneeded = now - tokens.AccessTokenLifetime - TimeSpan.FromHours(1);
        var auditExpired = now - cleanup.AuditRetention;

        // Past the grace period a consumed token is only a tombstone: its hash, session and expiry are all reuse detection
        // needs. The successor's cookies (about 2.5 KB) and its hash go.
        var total = await InBatchesAsync(batch => db.Set<RefreshToken>()
            .Where(token => (token.SuccessorCookies != null || token.SuccessorHash != null) && token.ConsumedAt < graceEnded)
            .Take(batch)
            .ExecuteUpdateAsync(setters => setters
                .SetProperty(token => token.SuccessorCookies, (string?)null)
                .SetProperty(token => token.SuccessorHash, (string?)null), cancellationToken), cancellationToken);

        // A consumed but unexpired token stays: presenting it again is how reuse is detected.
        total += await InBatchesAsync(batch => db.Set<RefreshToken>()
            .Where(token => token.ExpiresAt < now)
            .Take(batch)
            .ExecuteDeleteAsync(cancellationToken), cancellationToken);

        total += await InBatchesAsync(batch => db.Set<Session>()
            .Where(session => session.ExpiresAt < sessionsEnded || session.RefreshExpiresAt < sessionsEnded || session.RevokedAt < sessionsEnded)
            .Take(batch)
            .ExecuteDeleteAsync(cancellationToken), cancellationToken);

        total += await InBatchesAsync(batch => db.Set<SessionRevocation>()
            .Where(revocation => revocation.RevokedAt < revocationsUnneeded)
            .Take(batch)
            .ExecuteDeleteAsync(cancellationToken), cancellationToken);

        total += await InBatchesAsync(batch => db.Set<AuditEvent>()
            .Where(audit => audit.At < auditExpired)
            .Take(batch)
            .ExecuteDeleteAsync(cancellationToken), cancellationToken);

        total += await InBatchesAsync(batch => db.Set<LoginAttempt>()
            .Where(attempt => attempt.ExpiresAt <= now)
            .Take(batch)
            .ExecuteDeleteAsync(cancellationToken), cancellationToken);

        total += await InBatchesAsync(batch => db.Set<LoginLock>()
            .Where(loginLock => loginLock.Until <= now)
            .Take(batch)
            .ExecuteDeleteAsync(cancellationToken), cancellationToken);

        var familiarSince = now - SignInNetworks.FamiliarFor;
        total += await InBatchesAsync(batch => db.Set<SignInNetwork>()
            .Where(network => network.LastSucceededAt <= familiarSince)
            .Take(batch)
            .ExecuteDeleteAsync(cancellationToken), cancellationToken);

        return total;
    }

    private async Task<int> InBatchesAsync(Func<int, Task<int>> batch, CancellationToken cancellationToken)
    {
        var size = options.Value.BatchSize;
        var total = 0;
        int changed;
        do
        {
            using (await writeGate.EnterAsync(cancellationToken))
            {
                changed = await batch(size);
            }

            total += changed;
        }
        while (changed == size);

        return total;
    }
}
