using Gateway.Observability;
using Gateway.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gateway.Users;

/// <summary>
/// Checks a user name and password with the same work whether or not the user exists or is locked out, and
/// locks an account after repeated failures. The caller answers Invalid and LockedOut identically.
/// </summary>
internal sealed class CredentialChecker(
    GatewayDbContext db,
    PasswordHashing hashing,
    DatabaseWriteGate writeGate,
    AuditTrail audit,
    TimeProvider time,
    IOptions<LockoutOptions> lockout)
{
    public async Task<CredentialResult> CheckAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var normalized = User.Normalize(userName);
        var user = await db.Set<User>().FirstOrDefaultAsync(candidate => candidate.NormalizedName == normalized, cancellationToken);
        var verdict = await hashing.VerifyAsync(user?.PasswordHash, password, cancellationToken);
        if (verdict is null)
        {
            return new CredentialResult(CredentialOutcome.Busy);
        }

        if (user is null)
        {
            return new CredentialResult(CredentialOutcome.Invalid);
        }

        var now = time.GetUtcNow();
        if (user.LockoutEndsAt > now)
        {
            // Checked after hashing, so a locked account costs and answers like any wrong password.
            return new CredentialResult(CredentialOutcome.LockedOut);
        }

        if (verdict == PasswordVerificationResult.Failed)
        {
            await RecordFailureAsync(user, now, cancellationToken);
            return new CredentialResult(CredentialOutcome.Invalid);
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            // The hash was made with weaker parameters than today's: upgrade it while we have the password.
            user.PasswordHash = hashing.Hash(password);
        }

        user.FailedLoginCount = 0;
        user.LockoutEndsAt = null;
        await SaveAsync(cancellationToken);
        return new CredentialResult(CredentialOutcome.Valid, user);
    }

    private async Task RecordFailureAsync(User user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var limits = lockout.Value;
        user.FailedLoginCount++;
        if (user.FailedLoginCount >= limits.MaxFailedAttempts)
        {
            user.FailedLoginCount = 0;
            user.LockoutEndsAt = now + limits.Duration;
            audit.Add(AuditEventTypes.LockedOut, user.Id, user.Name, detail: $"{limits.MaxFailedAttempts} failed sign-ins; locked until {user.LockoutEndsAt:u}");
        }

        await SaveAsync(cancellationToken);
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (!db.ChangeTracker.HasChanges())
        {
            return;
        }

        using (await writeGate.EnterAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
