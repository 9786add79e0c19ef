using System.Net;
using Gateway.Forwarding;
using Gateway.Observability;
using Gateway.Storage;

namespace Gateway.Users;

/// <summary>
/// A signed-in user changes their password. The current password is a credential check like a login's: a wrong one
/// spends the same per-user-name budgets and counts toward the same lockout, for the client's network, so a stolen
/// session cannot guess the password here faster than at the login. The caller ends the user's other sessions when this answers <see cref="PasswordChangeStatus.Changed"/>.
/// </summary>
internal sealed class PasswordChangeService(
    CredentialChecker credentials,
    UserService users,
    AuditTrail audit,
    GatewayDbContext db,
    DatabaseWriteGate writeGate)
{
    public async Task<PasswordChangeResult> ChangeAsync(string userId, string? currentPassword, string? newPassword, IPAddress? client,
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

        var check = await credentials.CheckAsync(user.Name, currentPassword, client, cancellationToken);
        switch (check.Outcome)
        {
            case CredentialOutcome.RateLimited:
                return PasswordChangeResult.RateLimited(check.RetryAfter!.Value);
            case CredentialOutcome.Busy:
                return PasswordChangeResult.Busy;
            case CredentialOutcome.Valid:
                var change = await users.SetPasswordAsync(check.User!, newPassword, "user", cancellationToken);
                return change.Succeeded ? PasswordChangeResult.Changed : PasswordChangeResult.Weak(change.Error!);
            default:
                audit.Add(AuditEventTypes.PasswordChangeFailed, user.Id, user.Name, ip: ClientNetwork.Normalize(client)?.ToString(),
                    detail: check.Outcome == CredentialOutcome.LockedOut ? "locked out" : "wrong current password");
                using (await writeGate.EnterAsync(cancellationToken))
                {
                    await db.SaveChangesAsync(cancellationToken);
                }

                return PasswordChangeResult.WrongCurrentPassword;
        }
    }
}
