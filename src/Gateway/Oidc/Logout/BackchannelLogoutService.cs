using System.Security.Cryptography;
using System.Text;
using Gateway.Oidc.Provider;
using Gateway.Oidc.Tokens;
using Gateway.Sessions;
using Gateway.Sessions.Revocation;
using Gateway.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gateway.Oidc.Logout;

/// <summary>
/// OIDC Back-Channel Logout 1.0 receiver: validates the logout token, refuses a <c>jti</c> already accepted (on any
/// instance: the table is shared), and ends the matching sessions through the <see cref="SessionRevoker"/>, exactly
/// as a device revoke does (revoked set at once here, within about a second elsewhere; OP refresh tokens revoked).
/// </summary>
internal sealed class BackchannelLogoutService(
    ProviderTokenValidator validator,
    SessionRevoker revoker,
    GatewayDbContext db,
    DatabaseWriteGate writeGate,
    IOptions<OidcOptions> options,
    TimeProvider time,
    ILogger<BackchannelLogoutService> logger)
{
    /// <summary>How long an accepted jti is remembered past the token's own end (its <c>exp</c> plus the clock skew allowed).</summary>
    public static readonly TimeSpan ReplayWindow = TimeSpan.FromMinutes(10);

    /// <summary>A token without <c>exp</c> never expires by itself: its jti is remembered this long.</summary>
    public static readonly TimeSpan ReplayWindowWithoutExpiry = TimeSpan.FromDays(7);

    public async Task<BackchannelLogoutResult> HandleAsync(string? logoutToken, SessionRequestInfo client, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(logoutToken) || logoutToken.Length > 16 * 1024)
        {
            return Refuse(client, "no logout_token");
        }

        var validation = await validator.ValidateAsync(logoutToken, requireExpiration: false, cancellationToken);
        if (validation.ProviderUnavailable)
        {
            return BackchannelLogoutResult.ProviderUnavailable;
        }

        var now = time.GetUtcNow();
        if (validation.Token is not { } token)
        {
            return Refuse(client, validation.Failure ?? "invalid");
        }

        if (LogoutTokenRules.Check(token, now) is { } broken)
        {
            return Refuse(client, broken);
        }

        var replayId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token.Issuer + "\n" + LogoutTokenRules.Claim(token, "jti"))));
        if (await db.Set<AcceptedLogoutToken>().AnyAsync(accepted => accepted.Id == replayId, cancellationToken))
        {
            LogoutLog.BackchannelLogoutReplayed(logger, client.Ip);
            return BackchannelLogoutResult.Accepted;
        }

        var subject = LogoutTokenRules.Claim(token, "sub");
        var providerSession = LogoutTokenRules.Claim(token, "sid");
        var sessions = await MatchingSessionsAsync(subject, providerSession, cancellationToken);
        var ended = await revoker.RevokeManyAsync(sessions, RevocationReasons.BackchannelLogout, RevocationActors.Provider, client, cancellationToken);
        var forgetAt = token.ValidTo > DateTime.UnixEpoch
            ? Latest(new DateTimeOffset(token.ValidTo, TimeSpan.Zero), now) + ReplayWindow
            : now + ReplayWindowWithoutExpiry;
        await RememberAsync(replayId, forgetAt, now, cancellationToken);
        LogoutLog.BackchannelLogoutAccepted(logger, subject, providerSession, ended);
        return BackchannelLogoutResult.Accepted;
    }

    /// <summary>The token's <c>sid</c>'s sessions; all of the <c>sub</c>'s without a <c>sid</c> or with <c>BackchannelLogoutAllUserSessions</c>.</summary>
    private async Task<List<string>> MatchingSessionsAsync(string? subject, string? providerSession, CancellationToken cancellationToken)
    {
        var grants = db.Set<ProviderGrant>().AsNoTracking();
        if (providerSession is not null && !options.Value.BackchannelLogoutAllUserSessions)
        {
            grants = grants.Where(grant => grant.ProviderSessionId == providerSession);
            if (subject is not null)
            {
                grants = grants.Where(grant => grant.Subject == subject);
            }

            return await grants.Select(grant => grant.SessionId).ToListAsync(cancellationToken);
        }

        var subjects = subject is not null
            ? [subject]
            : await grants.Where(grant => grant.ProviderSessionId == providerSession).Select(grant => grant.Subject).Distinct().ToListAsync(cancellationToken);
        return await db.Set<Session>().AsNoTracking()
            .Where(session => subjects.Contains(session.UserId) && session.RevokedAt == null)
            .Select(session => session.Id)
            .ToListAsync(cancellationToken);
    }

    private static DateTimeOffset Latest(DateTimeOffset left, DateTimeOffset right) => left > right ? left : right;

    private async Task RememberAsync(string replayId, DateTimeOffset forgetAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using (await writeGate.EnterAsync(cancellationToken))
        {
            await db.Set<AcceptedLogoutToken>().Where(accepted => accepted.ForgetAt < now).ExecuteDeleteAsync(cancellationToken);
            db.Add(new AcceptedLogoutToken { Id = replayId, AcceptedAt = now, ForgetAt = forgetAt });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another instance accepted the same delivery at the same moment: it is remembered either way.
            }
        }
    }

    private BackchannelLogoutResult Refuse(SessionRequestInfo client, string reason)
    {
        LogoutLog.BackchannelLogoutRefused(logger, client.Ip, reason);
        return BackchannelLogoutResult.Invalid;
    }
}
