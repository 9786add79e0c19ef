namespace Gateway.Sessions.Revocation;

/// <summary>
/// Told by <see cref="SessionRevoker"/> once sessions have ended (committed), so a feature that keeps state of its own
/// per session (the OP's tokens in OpenID Connect mode) can act on it. Called inline: only queue work here.
/// </summary>
internal interface ISessionEndObserver
{
    void SessionsEnded(IReadOnlyList<string> sessionIds, string reason);
}
