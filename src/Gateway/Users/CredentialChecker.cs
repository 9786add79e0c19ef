using System.Net;
using Gateway.Forwarding;
using Gateway.Observability;
using Gateway.RateLimiting;
using Gateway.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gateway.Users;

/// <summary>
/// Checks a user name and password with the same work whether or not the user exists or is locked out. Failures
/// are counted per user name and network: each network the user signed in from lately has its own count, all
/// other networks share one (smart lockout), so strangers elsewhere cannot lock the owner out. Only failures
/// count: a correct password gives back what the attempt took. The caller answers Invalid and LockedOut identically.
/// </summary>
internal sealed class CredentialChecker(
    GatewayDbContext db,
    PasswordHashing hashing,
    DatabaseWriteGate writeGate,
    LoginRateLimits rateLimits,
    LoginLockout lockout,
    AuditTrail audit,
    TimeProvider time,
    IOptions<LockoutOptions> lockoutOptions)
{
    public async Task<CredentialResult> CheckAsync(string userName, string password, IPAddress? client, CancellationToken cancellationToken)
    {
        var normalized = User.Normalize(userName);
        var network = ClientNetwork.Of(client);
        var familiarSince = time.GetUtcNow() - SignInNetworks.FamiliarFor;
        var found = await db.Set<User>()
            .Where(candidate => candidate.NormalizedName == normalized)
            .Select(candidate => new
            {
                User = candidate,
                Familiar = db.Set<SignInNetwork>().Any(known =>
                    known.UserId == candidate.Id && known.Network == network && known.LastSucceededAt > familiarSince),
            })
            .FirstOrDefaultAsync(cancellationToken);
        var user = found?.User;
        var counted = found?.Familiar == true ? network : LoginBudgetKeys.Unfamiliar;

        var rate = await rateLimits.TrySpendForUserAsync(normalized, counted, cancellationToken);
        if (rate is { Allowed: false })
        {
            return new CredentialResult(CredentialOutcome.RateLimited, Network: network, RetryAfter: rate.RetryAfter);
        }

        BudgetSpend failureBudget;
        try
        {
            failureBudget = await lockout.TrySpendAsync(normalized, counted, cancellationToken);
        }
        catch
        {
            // The lockout's count cannot be taken (a database fault): no password is checked and nothing counts.
            await rateLimits.RefundAsync(rate, CancellationToken.None);
            throw;
        }

        // Hashed even when locked out: a locked account costs and answers like any wrong password.
        var verdict = await hashing.VerifyAsync(user?.PasswordHash, password, cancellationToken);
        if (verdict is null)
        {
            await ReturnAsync(rate, failureBudget, cancellationToken);
            return new CredentialResult(CredentialOutcome.Busy, Network: network);
        }

        if (!failureBudget.Allowed)
        {
            return new CredentialResult(CredentialOutcome.LockedOut, Network: network);
        }

        if (user is null || verdict == PasswordVerificationResult.Failed)
        {
            if (await lockout.LockIfFullAsync(normalized, counted, cancellationToken))
            {
                RecordLockout(userName, user, client, network, familiar: counted != LoginBudgetKeys.Unfamiliar);
            }

            return new CredentialResult(CredentialOutcome.Invalid, Network: network);
        }

        await ReturnAsync(rate, failureBudget, cancellationToken);
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            // The hash was made with weaker parameters than today's: upgrade it while we have the password.
            user.PasswordHash = hashing.Hash(password);
            using (await writeGate.EnterAsync(cancellationToken))
            {
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        return new CredentialResult(CredentialOutcome.Valid, user, network);
    }

    private async Task ReturnAsync(BudgetSpend? rate, BudgetSpend failureBudget, CancellationToken cancellationToken)
    {
        await rateLimits.RefundAsync(rate, cancellationToken);
        await lockout.RefundAsync(failureBudget, cancellationToken);
    }

    // Added to the caller's unit of work, which saves it with its own record of the failure.
    private void RecordLockout(string userName, User? user, IPAddress? client, string network, bool familiar)
    {
        var limits = lockoutOptions.Value;
        var until = time.GetUtcNow() + limits.Duration;
        var where = familiar
            ? $"from {network}, a network the user signed in from; locked from there"
            : $"from networks the user has not signed in from (this one {network}); locked from all of them";
        audit.Add(AuditEventTypes.LockedOut, user?.Id, user?.Name ?? userName, ip: ClientNetwork.Normalize(client)?.ToString(),
            detail: $"{limits.MaxFailedAttempts} failed sign-ins within {limits.Duration:c} {where} until {until:u}");
    }
}
