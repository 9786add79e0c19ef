using Gateway.Storage;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Sessions;

/// <summary>The live sessions (devices) of one user or of everyone, most recently used first: what <c>/auth/sessions</c> and the CLI list.</summary>
internal sealed class DeviceList(GatewayDbContext db, TimeProvider time)
{
    public async Task<IReadOnlyList<Session>> LiveAsync(string? userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var live = db.Set<Session>().AsNoTracking()
            .Where(session => session.RevokedAt == null && session.ExpiresAt > now && session.RefreshExpiresAt > now);
        if (userId is not null)
        {
            live = live.Where(session => session.UserId == userId);
        }

        return (await live.ToListAsync(cancellationToken)).OrderByDescending(session => session.LastSeenAt).ToList();
    }

    /// <summary>When the session ends if nothing happens: its idle or its absolute end, whichever is first.</summary>
    public static DateTimeOffset EndsAt(Session session) =>
        session.RefreshExpiresAt < session.ExpiresAt ? session.RefreshExpiresAt : session.ExpiresAt;
}
