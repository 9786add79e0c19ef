using System.Buffers.Text;
using System.Security.Cryptography;
using Gateway.Observability;
using Gateway.Storage;
using Gateway.Tokens;
using Gateway.Users;
using Microsoft.Extensions.Options;

namespace Gateway.Sessions.Login;

/// <summary>Starts a session for a user whose credentials were just checked (locally, or by the OpenID Provider).</summary>
internal sealed class SessionStarter(
    GatewayDbContext db,
    DatabaseWriteGate writeGate,
    SessionIssuer issuer,
    AuditTrail audit,
    TimeProvider time,
    IOptions<TokenOptions> options)
{
    public Task<IssuedSession> StartAsync(User user, SessionRequestInfo client, CancellationToken cancellationToken) =>
        StartAsync(new SessionIdentity(user.Id, user.Name, user.Roles, StoredOnSession: false), client, addWithSession: null, cancellationToken);

    /// <param name="addWithSession">Adds rows that belong to the new session (given its id) to the same transaction.</param>
    public async Task<IssuedSession> StartAsync(SessionIdentity user, SessionRequestInfo client, Action<string>? addWithSession,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var lifetimes = options.Value;
        var sessionId = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        var endsAt = now + lifetimes.SessionLifetime;
        var issued = issuer.Issue(user.UserId, user.UserName, user.Roles, sessionId, endsAt, now, lifetimes.Audience);

        db.Add(new Session
        {
            Id = sessionId,
            UserId = user.UserId,
            UserName = user.StoredOnSession ? user.UserName : null,
            Roles = user.StoredOnSession ? user.Roles : null,
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = endsAt,
            RefreshExpiresAt = issued.RefreshExpiresAt,
            Ip = client.Ip,
            UserAgent = client.UserAgent,
        });
        db.Add(new RefreshToken { Hash = issued.RefreshHash, SessionId = sessionId, CreatedAt = now, ExpiresAt = issued.RefreshExpiresAt });
        addWithSession?.Invoke(sessionId);
        audit.Add(AuditEventTypes.LoginSucceeded, user.UserId, user.UserName, sessionId, client.Ip, client.UserAgent);

        using (await writeGate.EnterAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return issued.Session;
    }
}
