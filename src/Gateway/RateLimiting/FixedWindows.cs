using System.Threading.RateLimiting;

namespace Gateway.RateLimiting;

/// <summary>The one-minute window of every per-minute limit, and the refresh limiter's fixed windows (how a refusal's wait is read from a lease).</summary>
internal static class FixedWindows
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static FixedWindowRateLimiterOptions PerMinute(int permits) => new()
    {
        PermitLimit = permits,
        Window = Window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    /// <summary>Null when allowed; else how long to wait.</summary>
    public static TimeSpan? TryAcquire(PartitionedRateLimiter<string> limiter, string key)
    {
        using var lease = limiter.AttemptAcquire(key);
        return lease.IsAcquired ? null : RetryAfter(lease);
    }

    public static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : Window;
}
