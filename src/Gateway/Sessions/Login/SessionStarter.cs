using System.Buffers.Text;
using System.Security.Cryptography;
using Gateway.Observability;
using Gateway.Storage;
using Gateway.Tokens;
using Gateway.Users;
using Microsoft.Extensions.Options;

namespace Gateway.Sessions.Login;

/// <summary>Starts a session for a user whose credentials were just checked.</summary>
internal sealed class SessionStarter(
    GatewayDbContext db,
    DatabaseWriteGate writeGate,
    SessionIssuer issuer,
    AuditTrail audit,
    TimeProvider time,
    IOptions<TokenOptions> options)
{
    public async Task<IssuedSession> StartAsync(User user, SessionRequestInfo client, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var lifetimes = options.Value;
        var sessionId = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        var endsAt = now + lifetimes.SessionLifetime;
        var issued = issuer.Issue(user.Id, user.Name, user.Roles, sessionId, endsAt, now, lifetimes.Audience);

        db.Add(new Session
        {
            Id = sessionId,
            UserId = user.Id,
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = endsAt,
            RefreshExpiresAt = issued.RefreshExpiresAt,
            Ip = client.Ip,
            UserAgent = client.UserAgent,
        });
        db.Add(new RefreshToken { Hash = issued.RefreshHash, SessionId = sessionId, CreatedAt = now, ExpiresAt = issued.RefreshExpiresAt });
        audit.Add(AuditEventTypes.LoginSucceeded, user.Id, user.Name, sessionId, client.Ip, client.UserAgent);

        using (await writeGate.EnterAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return issued.Session;
    }
}
