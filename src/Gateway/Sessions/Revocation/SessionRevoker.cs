using Gateway.Observability;
using Gateway.Storage;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Sessions.Revocation;

/// <summary>
/// The one way a session ends early (logout, device revoke, password change, admin, reuse, and any new reason a
/// caller passes): marked in the database, logged in the revocation log other instances poll, recorded as an audit
/// row, then published: at once in this process (<see cref="RevocationEvents"/>: revoked set, open connections) and,
/// on PostgreSQL, to every other instance by a <c>NOTIFY</c> that the commit delivers.
/// </summary>
internal sealed class SessionRevoker(
    GatewayDbContext db,
    GatewayDatabase database,
    DatabaseWriteGate writeGate,
    RevocationEvents events,
    AuditTrail audit,
    GatewayMetrics metrics,
    TimeProvider time,
    IEnumerable<ISessionEndObserver> observers,
    ILogger<SessionRevoker> logger)
{
    public Task<int> RevokeAsync(string sessionId, string reason, string actor, SessionRequestInfo? client, CancellationToken cancellationToken) =>
        RevokeWhereAsync(db.Set<Session>().Where(session => session.Id == sessionId), reason, actor, client, cancellationToken);

    /// <summary>Every live session of the user except <paramref name="exceptSessionId"/>.</summary>
    public Task<int> RevokeUserSessionsAsync(string userId, string? exceptSessionId, string reason, string actor,
        SessionRequestInfo? client, CancellationToken cancellationToken) =>
        RevokeWhereAsync(
            db.Set<Session>().Where(session => session.UserId == userId && session.Id != exceptSessionId),
            reason, actor, client, cancellationToken);

    /// <summary>These sessions, those still live among them.</summary>
    public Task<int> RevokeManyAsync(IReadOnlyCollection<string> sessionIds, string reason, string actor, SessionRequestInfo? client,
        CancellationToken cancellationToken) =>
        sessionIds.Count == 0
            ? Task.FromResult(0)
            : RevokeWhereAsync(db.Set<Session>().Where(session => sessionIds.Contains(session.Id)), reason, actor, client, cancellationToken);

    private async Task<int> RevokeWhereAsync(IQueryable<Session> sessions, string reason, string actor, SessionRequestInfo? client,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        List<Session> targets;
        using (await writeGate.EnterAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            targets = await sessions.Where(session => session.RevokedAt == null).ToListAsync(cancellationToken);
            foreach (var session in targets)
            {
                session.RevokedAt = now;
                session.RevokedReason = reason;
                db.Add(new SessionRevocation { SessionId = session.Id, RevokedAt = now });
                audit.Add(AuditEventTypes.SessionRevoked, userId: session.UserId, sessionId: session.Id,
                    ip: client?.Ip, userAgent: client?.UserAgent, detail: $"{reason} by {actor}");
            }

            await db.SaveChangesAsync(cancellationToken);
            await RevocationChannel.NotifyAsync(db, database, targets.ConvertAll(session => session.Id), now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        foreach (var session in targets)
        {
            events.SessionEnded(session.Id, now);
            RevocationLog.SessionRevoked(logger, session.Id, session.UserId, reason);
        }

        if (targets.Count > 0)
        {
            metrics.SessionsRevoked(reason, targets.Count);
            var ended = targets.Select(session => session.Id).ToList();
            foreach (var observer in observers)
            {
                observer.SessionsEnded(ended, reason);
            }
        }

        return targets.Count;
    }
}
