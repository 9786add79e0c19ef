using System.Threading.Channels;
using Gateway.Sessions.Login;
using Gateway.Sessions.Revocation;
using Microsoft.Extensions.Options;

namespace Gateway.Oidc.Logout;

/// <summary>
/// Sessions whose OP refresh token is to be revoked at the OP (RFC 7009) because they ended: by logout, a device
/// revoke, the CLI, a new login or a back-channel logout. Queued by the <see cref="SessionRevoker"/>'s notice, so the
/// answer that ended the session never waits for the OP; <see cref="ProviderRevocationWorker"/> does the calls.
/// </summary>
internal sealed class ProviderRevocationQueue(IOptions<AuthenticationOptions> authentication, IOptions<OidcOptions> options)
    : ISessionEndObserver
{
    private readonly Channel<string> _sessions = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = false });

    public ChannelReader<string> Reader => _sessions.Reader;

    public void SessionsEnded(IReadOnlyList<string> sessionIds, string reason)
    {
        // An OP that answered invalid_grant has already ended the grant: nothing left to revoke.
        if (!authentication.Value.IsOidc || !options.Value.RevokeRefreshTokenOnLogout || reason == RevocationReasons.ProviderRefused)
        {
            return;
        }

        foreach (var sessionId in sessionIds)
        {
            _sessions.Writer.TryWrite(sessionId);
        }
    }

    /// <summary>What is queued now, for a process without the background worker (the CLI) to revoke before it exits.</summary>
    public List<string> TakeQueued()
    {
        var queued = new List<string>();
        while (_sessions.Reader.TryRead(out var sessionId))
        {
            queued.Add(sessionId);
        }

        return queued;
    }
}
