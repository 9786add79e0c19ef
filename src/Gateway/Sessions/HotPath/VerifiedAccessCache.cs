using System.Collections.Concurrent;

namespace Gateway.Sessions.HotPath;

/// <summary>
/// Access cookies already verified, keyed by the full cookie value and looked up by span (no allocation).
/// Bounded; an entry is useless once its token expires and is swept then. Revocation is not handled here:
/// the revoked-session set is checked on every hit.
/// </summary>
internal sealed class VerifiedAccessCache(TimeProvider time)
{
    public const int MaxEntries = 100_000;

    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, VerifiedAccess> _entries = new(CookieValueComparer.Instance);
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

        if (_entries.Count < MaxEntries)
        {
            _entries[cookie] = entry;
        }
    }

    public void Sweep(DateTimeOffset now)
    {
        Interlocked.Exchange(ref _nextSweepTicks, (now + SweepInterval).UtcTicks);
        foreach (var (cookie, entry) in _entries)
        {
            if (entry.Ticket.ExpiresAt <= now)
            {
                _entries.TryRemove(cookie, out _);
            }
        }
    }
}
