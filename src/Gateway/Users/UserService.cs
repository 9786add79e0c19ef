using Gateway.Observability;
using Gateway.RateLimiting;
using Gateway.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Users;

/// <summary>Creating, listing, removing users and setting passwords: what the CLI and the demo set-up need.</summary>
internal sealed class UserService(
    GatewayDbContext db,
    PasswordHashing hashing,
    PasswordPolicy policy,
    DatabaseWriteGate writeGate,
    AuditTrail audit,
    TimeProvider time)
{
    /// <summary>
    /// Roles are claims of every access token, inside a cookie browsers drop past 4,096 characters: 20 roles of the
    /// longest name (64), with the longest user name, make a cookie of about 3.7 KB (RS256).
    /// </summary>
    public const int MaxRoles = 20;

    public Task<List<User>> ListAsync(CancellationToken cancellationToken) =>
        db.Set<User>().AsNoTracking().OrderBy(user => user.NormalizedName).ToListAsync(cancellationToken);

    public Task<User?> FindAsync(string name, CancellationToken cancellationToken)
    {
        var normalized = User.Normalize(name);
        return db.Set<User>().FirstOrDefaultAsync(user => user.NormalizedName == normalized, cancellationToken);
    }

    public Task<User?> FindByIdAsync(string id, CancellationToken cancellationToken) =>
        db.Set<User>().FirstOrDefaultAsync(user => user.Id == id, cancellationToken);

    public async Task<UserChangeResult> CreateAsync(string name, IReadOnlyList<string> roles, string password, bool isDemo,
        CancellationToken cancellationToken)
    {
        if (!UserNameRules.IsValid(name))
        {
            return UserChangeResult.Refused($"User name '{name}' is not valid: use 1 to {UserNameRules.MaxLength} letters, digits, '.', '_', '-' or '@'.");
        }

        var badRole = roles.FirstOrDefault(role => !UserNameRules.IsValid(role));
        if (badRole is not null)
        {
            return UserChangeResult.Refused($"Role '{badRole}' is not valid: use 1 to {UserNameRules.MaxLength} letters, digits, '.', '_', '-' or '@'.");
        }

        var distinctRoles = roles.Distinct(StringComparer.Ordinal).ToArray();
        if (distinctRoles.Length > MaxRoles)
        {
            return UserChangeResult.Refused($"A user has at most {MaxRoles} roles ({distinctRoles.Length} given): every role travels in every request's cookie.");
        }

        // Only the demo set-up may use the README's password (refused outside Development at start); it meets the rest of the policy.
        if (!isDemo && policy.Check(password, name) is { } weakness)
        {
            return UserChangeResult.Refused(weakness);
        }

        if (await FindAsync(name, cancellationToken) is not null)
        {
            return UserChangeResult.Refused($"User '{name}' already exists.");
        }

        var now = time.GetUtcNow();
        var user = new User
        {
            Id = Guid.CreateVersion7(now).ToString(),
            Name = name,
            NormalizedName = User.Normalize(name),
            PasswordHash = hashing.Hash(password),
            Roles = distinctRoles,
            IsDemo = isDemo,
            CreatedAt = now,
            PasswordChangedAt = now,
        };
        db.Add(user);
        audit.Add(AuditEventTypes.UserCreated, user.Id, user.Name, detail: isDemo ? "demo user" : null);
        await SaveAsync(cancellationToken);
        return UserChangeResult.Done(user);
    }

    /// <summary>Sets a new password (policy-checked). The caller revokes sessions as its rules require.</summary>
    public async Task<UserChangeResult> SetPasswordAsync(User user, string password, string actor, CancellationToken cancellationToken)
    {
        if (policy.Check(password, user.Name) is { } weakness)
        {
            return UserChangeResult.Refused(weakness);
        }

        user.PasswordHash = hashing.Hash(password);
        user.PasswordChangedAt = time.GetUtcNow();

        // A changed password is no longer the published demo password.
        user.IsDemo = false;
        audit.Add(AuditEventTypes.PasswordChanged, user.Id, user.Name, detail: actor);
        await SaveAsync(cancellationToken);
        await EndLockoutsAsync(user, cancellationToken);
        return UserChangeResult.Done(user);
    }

    public async Task RemoveAsync(User user, CancellationToken cancellationToken)
    {
        db.Remove(user);
        audit.Add(AuditEventTypes.UserRemoved, user.Id, user.Name, detail: "admin");
        await SaveAsync(cancellationToken);
    }

    /// <summary>Whether someone can sign in with the README's demo password: the demo set-up's user, or one named demo given it by hand.</summary>
    public async Task<bool> AnyWithPublishedDemoPasswordAsync(CancellationToken cancellationToken)
    {
        if (await db.Set<User>().AnyAsync(user => user.IsDemo, cancellationToken))
        {
            return true;
        }

        // Checking every user's hash would cost a PBKDF2 run each (by design) at every start. The policy refuses the
        // published password for new passwords, so only a user named demo from before that can still hold it.
        var named = await FindAsync(DemoOptions.UserName, cancellationToken);
        return named is not null
            && await hashing.VerifyAsync(named.PasswordHash, DemoOptions.Password, cancellationToken) != PasswordVerificationResult.Failed;
    }

    // A new password is what ends a lockout at once (an admin's users set-password): the failures were against the old one.
    private async Task EndLockoutsAsync(User user, CancellationToken cancellationToken)
    {
        var prefix = LoginBudgetKeys.LockoutPrefix(user.NormalizedName);
        using (await writeGate.EnterAsync(cancellationToken))
        {
            await db.Set<LoginLock>().Where(loginLock => loginLock.Key.StartsWith(prefix)).ExecuteDeleteAsync(cancellationToken);
            await db.Set<LoginAttempt>().Where(attempt => attempt.Key.StartsWith(prefix)).ExecuteDeleteAsync(cancellationToken);
        }
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        using (await writeGate.EnterAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
