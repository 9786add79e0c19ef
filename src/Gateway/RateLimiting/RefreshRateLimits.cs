using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Gateway.RateLimiting;

/// <summary>
/// Database decisions per refresh token and minute: a browser needs one per access token lifetime; more is someone
/// hammering a token (every rotation stores a row). Keyed by the token's hash, never the token.
/// </summary>
internal sealed class RefreshRateLimits(IOptions<RateLimitingOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perToken = PartitionedRateLimiter.Create<string, string>(
        tokenHash => RateLimitPartition.GetFixedWindowLimiter(tokenHash, _ => FixedWindows.PerMinute(options.Value.RefreshPermitsPerMinute)));

    /// <summary>Null when allowed; else how long to wait.</summary>
    public TimeSpan? TryAcquire(string tokenHash) =>
        options.Value.Enabled ? FixedWindows.TryAcquire(_perToken, tokenHash) : null;

    public void Dispose() => _perToken.Dispose();
}
