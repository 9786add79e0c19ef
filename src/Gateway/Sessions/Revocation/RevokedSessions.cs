using System.Collections.Concurrent;
using Gateway.Tokens;
using Microsoft.Extensions.Options;

namespace Gateway.Sessions.Revocation;

/// <summary>
/// Sessions revoked while some of their access tokens may still be unexpired. Checked on every proxied request
/// (a dictionary probe, no database). Filled at once by this instance's revocations and within about a second
/// by the revocation poller for the others'.
/// </summary>
internal sealed class RevokedSessions(TimeProvider time, IOptions<TokenOptions> options)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _forgetAt = new(StringComparer.Ordinal);

    public int Count => _forgetAt.Count;

    public bool Contains(string sessionId) => !_forgetAt.IsEmpty && _forgetAt.ContainsKey(sessionId);

    public void Add(string sessionId, DateTimeOffset revokedAt)
    {
        // Past this instant every access token of the session has expired on its own.
        var forgetAt = revokedAt + options.Value.AccessTokenLifetime + TimeSpan.FromMinutes(1);
        if (forgetAt > time.GetUtcNow())
        {
            _forgetAt[sessionId] = forgetAt;
        }
    }

    public void ForgetExpired()
    {
        var now = time.GetUtcNow();
        foreach (var (sessionId, forgetAt) in _forgetAt)
        {
            if (forgetAt <= now)
            {
                _forgetAt.TryRemove(sessionId, out _);
            }
        }
    }
}
