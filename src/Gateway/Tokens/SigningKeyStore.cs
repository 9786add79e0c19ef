using Gateway.Observability;
using Gateway.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gateway.Tokens;

/// <summary>Key rows in the database: the first key, rotations, listing. Shared by the gateway and the CLI.</summary>
internal sealed class SigningKeyStore(
    GatewayDbContext db,
    AuditTrail audit,
    IDataProtectionProvider dataProtection,
    TimeProvider time,
    IOptions<TokenOptions> options)
{
    private const int MaxAttempts = 3;

    private IDataProtector Protector => dataProtection.CreateProtector(SigningKeyMaterial.ProtectorPurpose);

    public Task<List<SigningKey>> ListAsync(CancellationToken cancellationToken) =>
        db.Set<SigningKey>().AsNoTracking().OrderBy(key => key.Generation).ToListAsync(cancellationToken);

    /// <summary>Creates a key that signs at once when none is active (first start, or every key unreadable).</summary>
    public async Task EnsureActiveKeyAsync(IReadOnlyCollection<string> usableKids, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rows = await ListAsync(cancellationToken);
        var active = rows.Where(row => row.ActivatesAt <= now && usableKids.Contains(row.Kid));
        if (!active.Any())
        {
            await AddNextGenerationAsync(now, audited: false, cancellationToken);
        }
    }

    /// <summary>
    /// Adds the next key: published at once, signing after KeyPublicationDelay or, with <paramref name="immediately"/>,
    /// now. The audit row commits with the key or not at all.
    /// </summary>
    public async Task<SigningKey> RotateAsync(bool immediately, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await AddNextGenerationAsync(immediately ? now : now + options.Value.KeyPublicationDelay, audited: true, cancellationToken);
    }

    /// <summary>
    /// Revokes a compromised key: never published nor used again. If it was the key signing now (or no other usable
    /// key is active), a new key that signs at once is added with it, skipping the publication delay: tokens the
    /// revoked key signed are refreshed on their next use and must verify. Key, replacement and audit row commit together.
    /// </summary>
    public async Task<KeyRevocation> RevokeAsync(string kid, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var rows = await db.Set<SigningKey>().OrderBy(key => key.Generation).ToListAsync(cancellationToken);
            var row = rows.Find(key => string.Equals(key.Kid, kid, StringComparison.Ordinal));
            if (row is null)
            {
                return new KeyRevocation(KeyRevocationOutcome.NotFound);
            }

            if (row.RevokedAt is not null)
            {
                return new KeyRevocation(KeyRevocationOutcome.AlreadyRevoked);
            }

            var now = time.GetUtcNow();
            var signerBefore = SigningKeySchedule.SignerGeneration(InUse(rows), now);
            row.RevokedAt = now;
            var signerAfter = SigningKeySchedule.SignerGeneration(InUse(rows), now);
            SigningKey? replacement = null;
            if (signerAfter is null || signerBefore == row.Generation)
            {
                replacement = SigningKeyMaterial.Create(options.Value.SigningAlgorithm, rows[^1].Generation + 1, now, now, Protector);
                db.Add(replacement);
            }

            audit.Add(AuditEventTypes.KeyRevoked, detail: replacement is null ? $"kid {kid}" : $"kid {kid}; kid {replacement.Kid} signs from {now:u}");
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return new KeyRevocation(KeyRevocationOutcome.Revoked, replacement);
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // Another instance or command took the next generation first (unique index): read the ring again.
                db.ChangeTracker.Clear();
            }
        }
    }

    private static IEnumerable<KeyTimes> InUse(IEnumerable<SigningKey> rows) =>
        rows.Where(row => row.RevokedAt is null).Select(row => new KeyTimes(row.Generation, row.ActivatesAt));

    private async Task<SigningKey> AddNextGenerationAsync(DateTimeOffset activatesAt, bool audited, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var generation = await db.Set<SigningKey>().Select(key => (int?)key.Generation).MaxAsync(cancellationToken) ?? 0;
            var key = SigningKeyMaterial.Create(options.Value.SigningAlgorithm, generation + 1, time.GetUtcNow(), activatesAt, Protector);
            db.Add(key);
            var row = audited ? audit.Add(AuditEventTypes.KeyRotated, detail: $"kid {key.Kid} signs from {key.ActivatesAt:u}") : null;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return key;
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // Another instance took this generation first (unique index): take the next one.
                db.Entry(key).State = EntityState.Detached;
                if (row is not null)
                {
                    db.Entry(row).State = EntityState.Detached;
                }
            }
        }
    }
}
