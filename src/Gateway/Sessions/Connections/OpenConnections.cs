using System.Collections.Concurrent;
using Gateway.Observability;
using Gateway.Sessions.Revocation;

namespace Gateway.Sessions.Connections;

/// <summary>
/// The proxied WebSockets and streamed answers open on protected routes, by session id, so that the end of a
/// session closes them (the client's connection and, through YARP, the downstream's): at once when it is revoked,
/// at the sweep after <c>SessionLifetime</c>. An ordinary request is never in here.
/// </summary>
internal sealed class OpenConnections(RevokedSessions revoked, GatewayMetrics metrics, ILogger<OpenConnections> logger)
{
    public const string Revoked = "session-revoked";
    public const string Expired = "session-expired";

    private readonly ConcurrentDictionary<string, List<OpenConnection>> _bySession = new(StringComparer.Ordinal);
    private int _count;

    /// <summary>Connections registered and not yet ended.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Tracks <paramref name="context"/> until its request ends (or it is closed first).</summary>
    public void Register(HttpContext context, string sessionId, DateTimeOffset sessionExpiresAt)
    {
        var connection = new OpenConnection(context, sessionId, sessionExpiresAt, this);
        while (true)
        {
            var list = _bySession.GetOrAdd(sessionId, static _ => []);
            lock (list)
            {
                // A list that Close or the last Unregister took out of the map is dead: start a new one.
                if (_bySession.TryGetValue(sessionId, out var current) && ReferenceEquals(current, list))
                {
                    list.Add(connection);
                    break;
                }
            }
        }

        Interlocked.Increment(ref _count);
        metrics.ConnectionOpened();
        context.Response.RegisterForDispose(connection);

        // A revocation published between the session check and the line above found nothing to close here: it is in
        // the revoked set already (published before closing), so this connection is closed now.
        if (revoked.Contains(sessionId))
        {
            Close(sessionId, Revoked);
        }
    }

    /// <summary>Closes every open connection of <paramref name="sessionId"/>; the number closed.</summary>
    public int Close(string sessionId, string reason)
    {
        if (_bySession.IsEmpty || !_bySession.TryRemove(sessionId, out var list))
        {
            return 0;
        }

        OpenConnection[] closing;
        lock (list)
        {
            closing = [.. list];
            list.Clear();
        }

        return Closed(sessionId, closing.Count(connection => connection.Abort()), reason);
    }

    /// <summary>Closes the connections of sessions that reached their absolute lifetime.</summary>
    public int CloseExpired(DateTimeOffset now)
    {
        var total = 0;
        foreach (var (sessionId, list) in _bySession)
        {
            List<OpenConnection> expired;
            lock (list)
            {
                expired = list.FindAll(connection => connection.SessionExpiresAt <= now);
                list.RemoveAll(connection => connection.SessionExpiresAt <= now);
                if (list.Count == 0)
                {
                    _bySession.TryRemove(new KeyValuePair<string, List<OpenConnection>>(sessionId, list));
                }
            }

            total += Closed(sessionId, expired.Count(connection => connection.Abort()), Expired);
        }

        return total;
    }

    /// <summary>The request of <paramref name="connection"/> ended (closed by us or not).</summary>
    internal void Unregister(OpenConnection connection)
    {
        if (_bySession.TryGetValue(connection.SessionId, out var list))
        {
            lock (list)
            {
                if (list.Remove(connection) && list.Count == 0)
                {
                    _bySession.TryRemove(new KeyValuePair<string, List<OpenConnection>>(connection.SessionId, list));
                }
            }
        }

        Interlocked.Decrement(ref _count);
        metrics.ConnectionEnded();
    }

    private int Closed(string sessionId, int count, string reason)
    {
        if (count > 0)
        {
            metrics.ConnectionsClosed(reason, count);
            ConnectionsLog.ConnectionsClosed(logger, count, sessionId, reason);
        }

        return count;
    }
}
