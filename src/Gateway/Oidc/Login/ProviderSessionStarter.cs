using Gateway.Observability;
using Gateway.Oidc.Provider;
using Gateway.Oidc.Tokens;
using Gateway.Sessions;
using Gateway.Sessions.Login;
using Gateway.Sessions.Revocation;
using Gateway.Storage;

namespace Gateway.Oidc.Login;

/// <summary>
/// A login at the OP ends exactly like a local one: the session the request came with ends, a new session starts
/// through the same <see cref="SessionStarter"/> (same two cookies), and the OP's tokens are stored encrypted in a row
/// of that session, in the same transaction.
/// </summary>
internal sealed class ProviderSessionStarter(
    SessionStarter sessions,
    SessionResolver resolver,
    SessionRevoker revoker,
    ProviderTokenProtector protector,
    ProviderTokenCache cache,
    GatewayDbContext db,
    DatabaseWriteGate writeGate,
    AuditTrail audit,
    TimeProvider time)
{
    public async Task<IssuedSession> StartAsync(HttpContext context, ProviderIdentity identity, ProviderTokenResponse tokens)
    {
        var client = SessionRequestInfo.From(context);
        if (await resolver.IdentifyAsync(context) is { } previous)
        {
            await revoker.RevokeAsync(previous, RevocationReasons.NewLogin, RevocationActors.User, client, context.RequestAborted);
        }

        var now = time.GetUtcNow();
        var accessToken = ProviderAccessToken.Received(ProviderTokenKey.Default, tokens.AccessToken!, tokens.ExpiresIn, now);
        var user = new SessionIdentity(identity.Subject, identity.Name, identity.Roles, StoredOnSession: true);
        var issued = await sessions.StartAsync(user, client, sessionId => db.Add(new ProviderGrant
        {
            SessionId = sessionId,
            Subject = identity.Subject,
            ProviderSessionId = identity.ProviderSessionId,
            IdToken = protector.ProtectIdToken(tokens.IdToken),
            RefreshToken = protector.ProtectRefreshToken(tokens.RefreshToken),
            AccessTokens = protector.ProtectAccessTokens([accessToken]),
            Version = 1,
            UpdatedAt = now,
        }), context.RequestAborted);
        cache.Put(issued.Ticket.SessionId, 1, accessToken);
        return issued;
    }

    /// <summary>An audit row for a failed login at the OP: its <c>loginError</c> code, never anything the OP sent.</summary>
    public async Task RecordFailureAsync(string loginError, SessionRequestInfo client, CancellationToken cancellationToken)
    {
        audit.Add(AuditEventTypes.LoginFailed, ip: client.Ip, userAgent: client.UserAgent, detail: $"openid provider: {loginError}");
        using (await writeGate.EnterAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
