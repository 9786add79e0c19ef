using System.Threading.RateLimiting;
using Gateway.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Gateway.RateLimiting;

/// <summary>
/// Login attempts per client IP (the ASP.NET Core rate limiter middleware, policy <see cref="PolicyName"/>) and
/// per user name (<see cref="TryAcquireForUser"/>, checked once the body names the user).
/// </summary>
internal sealed class LoginRateLimits(IOptions<RateLimitingOptions> options) : IDisposable
{
    public const string PolicyName = "login";

    private readonly PartitionedRateLimiter<string> _perUser = PartitionedRateLimiter.Create<string, string>(
        userName => RateLimitPartition.GetFixedWindowLimiter(userName, _ => FixedWindows.PerMinute(options.Value.LoginPermitsPerMinute)));

    /// <summary>Null when allowed; else how long to wait.</summary>
    public TimeSpan? TryAcquireForUser(string normalizedUserName) =>
        options.Value.Enabled ? FixedWindows.TryAcquire(_perUser, normalizedUserName) : null;

    public RateLimitPartition<string> PartitionByClient(HttpContext context) => PartitionByClient(context, options.Value.LoginPermitsPerMinute);

    /// <summary>Another endpoint's per-client-IP budget (a policy of its own), switched off with the others.</summary>
    public RateLimitPartition<string> PartitionByClient(HttpContext context, int permitsPerMinute)
    {
        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return options.Value.Enabled
            ? RateLimitPartition.GetFixedWindowLimiter(client, _ => FixedWindows.PerMinute(permitsPerMinute))
            : RateLimitPartition.GetNoLimiter(client);
    }

    public static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        await ProblemResults.WriteAsync(http, ProblemResults.RateLimited(http.Response, FixedWindows.RetryAfter(context.Lease)));
    }

    public void Dispose() => _perUser.Dispose();
}
