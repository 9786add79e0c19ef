using System.Collections.Concurrent;

namespace Gateway.Sessions.HotPath;

/// <summary>
/// Access cookies already verified, keyed by the full cookie value and looked up by span (no allocation).
/// Bounded in all and per session (a browser presents one or two live access cookies; a client that rotates and
/// presents every new cookie must not fill memory with its session); an entry is useless once its token expires and is
/// swept then. Revocation is not handled here: the revoked-session set is checked on every hit.
/// </summary>
internal sealed class VerifiedAccessCache(TimeProvider time)
{
    public const int MaxEntries = 100_000;

    /// <summary>The current cookie, its predecessor within the grace period, and room for a tab that lags behind.</summary>
    public const int MaxEntriesPerSession = 4;

    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, VerifiedAccess> _entries = new(CookieValueComparer.Instance);
    private readonly ConcurrentDictionary<string, int> _perSession = new(StringComparer.Ordinal);
    private long _nextSweepTicks;

    public int Count => _entries.Count;

    public bool TryGet(ReadOnlySpan<char> cookie, out VerifiedAccess entry) =>
        _entries.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(cookie, out entry!);

    public void Add(string cookie, VerifiedAccess entry)
    {
        var now = time.GetUtcNow();
        if (now.UtcTicks >= Interlocked.Read(ref _nextSweepTicks) || _entries.Count >= MaxEntries)
        {
            Sweep(now);
        }

        // Past either bound the cookie still works: it is only decrypted again on its next request instead of found here.
        // Concurrent adds can overshoot the per-session bound by a few: it bounds growth, not an exact count.
        var sessionId = entry.Ticket.SessionId;
        if (_entries.Count < MaxEntries && _perSession.GetValueOrDefault(sessionId) < MaxEntriesPerSession && _entries.TryAdd(cookie, entry))
        {
            _perSession.AddOrUpdate(sessionId, 1, static (_, count) => count + 1);
        }
    }

    public void Sweep(DateTimeOffset now)
    {
        Interlocked.Exchange(ref _nextSweepTicks, (now + SweepInterval).UtcTicks);
        foreach (var (cookie, entry) in _entries)
        {
            if (entry.Ticket.ExpiresAt <= now && _entries.TryRemove(cookie, out _))
            {
                Forget(entry.Ticket.SessionId);
            }
        }
    }

    private void Forget(string sessionId)
    {
        while (_perSession.TryGetValue(sessionId, out var count))
        {
            if (count <= 1 ? _perSession.TryRemove(new KeyValuePair<string, int>(sessionId, count)) : _perSession.TryUpdate(sessionId, count - 1, count))
            {
                return;
            }
        }
    }
}
