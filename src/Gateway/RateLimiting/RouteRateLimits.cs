using System.Threading.RateLimiting;
using Gateway.Forwarding;
using Gateway.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Gateway.RateLimiting;

/// <summary>
/// The ASP.NET Core rate limiter's one named policy, for proxied routes that ask for it (<c>RateLimiterPolicy: login</c>):
/// <see cref="RateLimitingOptions.LoginPermitsPerMinute"/> requests per client and minute, in this instance's memory.
/// The gateway's own login no longer uses it: its budgets are spent after the CSRF check (LoginRateLimits).
/// </summary>
internal static class RouteRateLimits
{
    public const string PolicyName = "login";

    public static RateLimitPartition<string> PartitionByClient(HttpContext context)
    {
        var current = context.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
        var client = ClientNetwork.LimitKey(ClientNetwork.ClientIp(context));
        return current.Enabled
            ? RateLimitPartition.GetFixedWindowLimiter(client, _ => FixedWindows.PerMinute(current.LoginPermitsPerMinute))
            : RateLimitPartition.GetNoLimiter(client);
    }

    public static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        await ProblemResults.WriteAsync(http, ProblemResults.RateLimited(http.Response, FixedWindows.RetryAfter(context.Lease)));
    }
}
