using Gateway.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Users;

/// <summary>Checks a user name and password with the same work whether or not the user exists.</summary>
internal sealed class CredentialChecker(GatewayDbContext db, PasswordHashing hashing, DatabaseWriteGate writeGate)
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

        if (user is null || verdict == PasswordVerificationResult.Failed)
        {
            return new CredentialResult(CredentialOutcome.Invalid);
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            // The hash was made with weaker parameters than today's: upgrade it while we have the password.
            user.PasswordHash = hashing.Hash(password);
            using (await writeGate.EnterAsync(cancellationToken))
            {
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        return new CredentialResult(CredentialOutcome.Valid, user);
    }
}
