using System.Globalization;
using System.Threading.RateLimiting;
using Gateway.Hosting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Gateway.RateLimiting;

/// <summary>
/// Login attempts per client IP (the ASP.NET Core rate limiter middleware, policy <see cref="PolicyName"/>)
/// and per user name (<see cref="TryAcquireForUser"/>, checked once the body names the user).
/// </summary>
internal sealed class LoginRateLimits(IOptionsMonitor<RateLimitingOptions> options) : IDisposable
{
    public const string PolicyName = "login";

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<string> _perUser = PartitionedRateLimiter.Create<string, string>(
        userName => RateLimitPartition.GetFixedWindowLimiter(userName, _ => WindowOptions(options.CurrentValue.LoginPermitsPerMinute)));

    /// <summary>Null when allowed; else how long to wait.</summary>
    public TimeSpan? TryAcquireForUser(string normalizedUserName)
    {
        if (!options.CurrentValue.Enabled)
        {
            return null;
        }

        using var lease = _perUser.AttemptAcquire(normalizedUserName);
        return lease.IsAcquired ? null : RetryAfter(lease);
    }

    public RateLimitPartition<string> PartitionByClient(HttpContext context)
    {
        var current = options.CurrentValue;
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

    public void Dispose() => _perUser.Dispose();

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
