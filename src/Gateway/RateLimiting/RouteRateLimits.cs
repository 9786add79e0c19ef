using System.Threading.RateLimiting;
using Gateway.Forwarding;
using Gateway.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Gateway.RateLimiting;

/// <summary>
/// The ASP.NET Core rate limiter's one named policy, for proxied routes that ask for it (<c>RateLimiterPolicy: login</c>):
/// <see cref="RateLimitingOptions.LoginPermitsPerMinute"/> requests per client and minute, in this instance's memory.
/// OpenID Connect mode's <c>GET /auth/login</c> uses it too. The local login does not: its budgets are spent after the
/// CSRF check (LoginRateLimits).
/// </summary>
internal static class RouteRateLimits
{
    public const string PolicyName = "login";

    public static RateLimitPartition<string> PartitionByClient(HttpContext context) =>
        PartitionByClient(context, context.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value.LoginPermitsPerMinute);

    /// <summary>Another endpoint's per-client budget (a policy of its own), switched off with the others.</summary>
    public static RateLimitPartition<string> PartitionByClient(HttpContext context, int permitsPerMinute)
    {
        var enabled = context.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value.Enabled;
        var client = ClientNetwork.LimitKey(ClientNetwork.ClientIp(context));
        return enabled
            ? RateLimitPartition.GetFixedWindowLimiter(client, _ => FixedWindows.PerMinute(permitsPerMinute))
            : RateLimitPartition.GetNoLimiter(client);
    }

    public static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        await ProblemResults.WriteAsync(http, ProblemResults.RateLimited(http.Response, FixedWindows.RetryAfter(context.Lease)));
    }
}
