namespace Gateway.Sessions.Revocation;

/// <summary>
/// Where the next revocation poll starts. Sequence numbers can become visible out of order on PostgreSQL
/// (a transaction that took seq 5 may commit after the one that took seq 6), so a hole below the highest
/// seen seq is re-polled until it fills or, after <paramref name="gapTimeout"/>, is taken for a rolled-back insert.
/// </summary>
internal sealed class RevocationWatermark(TimeSpan gapTimeout)
{
    private const int MaxTrackedGaps = 1000;

    private readonly SortedDictionary<long, DateTimeOffset> _gaps = [];
    private long _highest;

    public long PollAfter => _gaps.Count > 0 ? _gaps.Keys.First() - 1 : _highest;

    public void Start(long highest) => _highest = highest;

    public void Observe(long seq, DateTimeOffset now)
    {
        if (seq > _highest)
        {
            for (var missing = Math.Max(_highest + 1, seq - MaxTrackedGaps); missing < seq; missing++)
            {
                _gaps.TryAdd(missing, now);
            }

            _highest = seq;
        }
        else
        {
            _gaps.Remove(seq);
        }
    }

    public void ExpireGaps(DateTimeOffset now)
    {
        foreach (var (seq, seenAt) in _gaps.ToList())
        {
            if (now - seenAt >= gapTimeout)
            {
                _gaps.Remove(seq);
            }
        }
    }
}
