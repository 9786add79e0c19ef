using Gateway.Observability;
using Gateway.RateLimiting;
using Gateway.Storage;

namespace Gateway.Users;

/// <summary>
/// A signed-in user changes their password. The current password is a credential check like a login's: the same
/// per-user limit, and a wrong one counts toward lockout, so a stolen session cannot guess the password here faster
/// than at the login. The caller ends the user's other sessions when this answers <see cref="PasswordChangeStatus.Changed"/>.
/// </summary>
internal sealed class PasswordChangeService(
    CredentialChecker credentials,
    UserService users,
    LoginRateLimits rateLimits,
    AuditTrail audit,
    GatewayDbContext db,
    DatabaseWriteGate writeGate)
{
    public async Task<PasswordChangeResult> ChangeAsync(string userId, string? currentPassword, string? newPassword, string? ip,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(currentPassword) || string.IsNullOrEmpty(newPassword))
        {
            return PasswordChangeResult.Malformed("Both currentPassword and newPassword are required.");
        }

        var user = await users.FindByIdAsync(userId, cancellationToken);
        if (user is null)
        {
            return PasswordChangeResult.UnknownUser;
        }

        if (rateLimits.TryAcquireForUser(user.NormalizedName) is { } retryAfter)
        {
            return PasswordChangeResult.RateLimited(retryAfter);
        }

        var check = await credentials.CheckAsync(user.Name, currentPassword, cancellationToken);
        switch (check.Outcome)
        {
            case CredentialOutcome.Busy:
                return PasswordChangeResult.Busy;
            case CredentialOutcome.Valid:
                var change = await users.SetPasswordAsync(check.User!, newPassword, "user", cancellationToken);
                return change.Succeeded ? PasswordChangeResult.Changed : PasswordChangeResult.Weak(change.Error!);
            default:
                audit.Add(AuditEventTypes.PasswordChangeFailed, user.Id, user.Name, ip: ip,
                    detail: check.Outcome == CredentialOutcome.LockedOut ? "locked out" : "wrong current password");
                using (await writeGate.EnterAsync(cancellationToken))
                {
                    await db.SaveChangesAsync(cancellationToken);
                }

                return PasswordChangeResult.WrongCurrentPassword;
        }
    }
}
