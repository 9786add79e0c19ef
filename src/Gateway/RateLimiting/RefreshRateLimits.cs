using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Gateway.RateLimiting;

/// <summary>
/// Bounds on the refresh path, per minute: rotations per session (each stores a row, and a rotation hands out a fresh
/// token, so a per-token bound alone would let a client rotate without end), and database decisions per presented token
/// (replays of one token read the database each time). A browser needs one of each per access token lifetime.
/// </summary>
internal sealed class RefreshRateLimits(IOptions<RateLimitingOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perSession = PartitionedRateLimiter.Create<string, string>(
        sessionId => RateLimitPartition.GetFixedWindowLimiter(sessionId, _ => FixedWindows.PerMinute(options.Value.RefreshPermitsPerMinute)));

    private readonly PartitionedRateLimiter<string> _perToken = PartitionedRateLimiter.Create<string, string>(
        tokenHash => RateLimitPartition.GetFixedWindowLimiter(tokenHash, _ => FixedWindows.PerMinute(options.Value.RefreshPermitsPerMinute)));

    /// <summary>Null when this session may rotate again; else how long to wait.</summary>
    public TimeSpan? TryAcquireRotation(string sessionId) =>
        options.Value.Enabled ? FixedWindows.TryAcquire(_perSession, sessionId) : null;

    /// <summary>Null when this token may be decided on again; else how long to wait. Keyed by the token's hash, never the token.</summary>
    public TimeSpan? TryAcquireDecision(string tokenHash) =>
        options.Value.Enabled ? FixedWindows.TryAcquire(_perToken, tokenHash) : null;

    public void Dispose()
    {
        _perSession.Dispose();
        _perToken.Dispose();
    }
}
