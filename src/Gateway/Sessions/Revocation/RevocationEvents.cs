using Gateway.Sessions.Connections;

namespace Gateway.Sessions.Revocation;

/// <summary>
/// What an instance does the moment it learns that a session ended, however it learned it: from its own revoker
/// (after the commit), from another instance's <c>NOTIFY</c>, or from the revocation poll. The session's access
/// cookies stop passing and its open WebSockets and streams are closed. Idempotent: every path may deliver the same
/// revocation again.
/// </summary>
internal sealed class RevocationEvents(RevokedSessions revoked, OpenConnections connections)
{
    public void SessionEnded(string sessionId, DateTimeOffset revokedAt)
    {
        // Revoked set first: a connection registering meanwhile checks it after registering (OpenConnections.Register).
        revoked.Add(sessionId, revokedAt);
        connections.Close(sessionId, OpenConnections.Revoked);
    }
}
