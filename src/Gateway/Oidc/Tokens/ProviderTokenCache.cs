using System.Collections.Concurrent;

namespace Gateway.Oidc.Tokens;

/// <summary>
/// The hot path's OP access tokens: per (session, resource/scope), the newest version this instance has seen, with
/// its ready-made <c>Authorization</c> value. A hit costs a dictionary probe and a clock read, no database. Bounded;
/// expired entries are swept.
/// </summary>
internal sealed class ProviderTokenCache(TimeProvider time)
{
    public const int MaxEntries = 100_000;

    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<(string SessionId, string Key), CachedProviderToken> _entries = new();
    private long _nextSweepTicks;

    public int Count => _entries.Count;

    public bool TryGet(string sessionId, string key, out CachedProviderToken entry) => _entries.TryGetValue((sessionId, key), out entry!);

    /// <summary>Keeps <paramref name="token"/> unless a newer version is already here (another request was faster).</summary>
    public CachedProviderToken Put(string sessionId, long version, ProviderAccessToken token)
    {
        var now = time.GetUtcNow();
        if (now.UtcTicks >= Interlocked.Read(ref _nextSweepTicks) || _entries.Count >= MaxEntries)
        {
            Sweep(now);
        }

        var entry = new CachedProviderToken(version, token, "Bearer " + token.Token);
        if (_entries.Count >= MaxEntries)
        {
            return entry;
        }

        return _entries.AddOrUpdate((sessionId, token.Key), entry, (_, existing) => existing.Version > version ? existing : entry);
    }

    public void Forget(string sessionId)
    {
        foreach (var key in _entries.Keys.Where(key => key.SessionId == sessionId).ToList())
        {
            _entries.TryRemove(key, out _);
        }
    }

    public void Sweep(DateTimeOffset now)
    {
        Interlocked.Exchange(ref _nextSweepTicks, (now + SweepInterval).UtcTicks);
        foreach (var (key, entry) in _entries)
        {
            if (entry.Token.ExpiresAt <= now)
            {
                _entries.TryRemove(key, out _);
            }
        }
    }
}

/// <summary>An OP access token as the hot path keeps it: its version, when to refresh it and the header to send.</summary>
internal sealed record CachedProviderToken(long Version, ProviderAccessToken Token, string Authorization);
