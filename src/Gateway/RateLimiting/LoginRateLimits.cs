using System.Globalization;
using System.Threading.RateLimiting;
using Gateway.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Gateway.RateLimiting;

/// <summary>
/// Login attempts per client IP (the ASP.NET Core rate limiter middleware, policy <see cref="PolicyName"/>),
/// per user name (<see cref="TryAcquireForUser"/>, checked once the body names the user), and database
/// decisions per refresh token (<see cref="TryAcquireForRefresh"/>).
/// </summary>
internal sealed class LoginRateLimits(IOptions<RateLimitingOptions> options) : IDisposable
{
    public const string PolicyName = "login";

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<string> _perUser = PartitionedRateLimiter.Create<string, string>(
        userName => RateLimitPartition.GetFixedWindowLimiter(userName, _ => WindowOptions(options.Value.LoginPermitsPerMinute)));

    private readonly PartitionedRateLimiter<string> _perRefreshToken = PartitionedRateLimiter.Create<string, string>(
        tokenHash => RateLimitPartition.GetFixedWindowLimiter(tokenHash, _ => WindowOptions(options.Value.RefreshPermitsPerMinute)));

    /// <summary>Null when allowed; else how long to wait.</summary>
    public TimeSpan? TryAcquireForUser(string normalizedUserName) => TryAcquire(_perUser, normalizedUserName);

    /// <summary>Null when allowed; else how long to wait. Keyed by the token's hash, never the token.</summary>
    public TimeSpan? TryAcquireForRefresh(string tokenHash) => TryAcquire(_perRefreshToken, tokenHash);

    public RateLimitPartition<string> PartitionByClient(HttpContext context)
    {
        var current = options.Value;
        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return current.Enabled
            ? RateLimitPartition.GetFixedWindowLimiter(client, _ => WindowOptions(current.LoginPermitsPerMinute))
            : RateLimitPartition.GetNoLimiter(client);
    }

    public static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        SetRetryAfter(context.HttpContext.Response, RetryAfter(context.Lease));
        await ProblemResults.WriteAsync(context.HttpContext, ProblemResults.RateLimited());
    }

    public static void SetRetryAfter(HttpResponse response, TimeSpan retryAfter) =>
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _perUser.Dispose();
        _perRefreshToken.Dispose();
    }

    private TimeSpan? TryAcquire(PartitionedRateLimiter<string> limiter, string key)
    {
        if (!options.Value.Enabled)
        {
            return null;
        }

        using var lease = limiter.AttemptAcquire(key);
        return lease.IsAcquired ? null : RetryAfter(lease);
    }

    private static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : Window;

    private static FixedWindowRateLimiterOptions WindowOptions(int permits) => new()
    {
        PermitLimit = permits,
        Window = Window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
