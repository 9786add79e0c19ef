using System.Net;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.RateLimiting;

/// <summary>A proxied route may name the rate limiter's one policy, <c>login</c>: per client, LoginPermitsPerMinute a minute.</summary>
public sealed class RouteRateLimitsTests
{
    [Fact]
    public async Task Proxy_RouteWithTheLoginPolicy_RefusesAClientPastTheLimitOnly()
    {
        await using var downstream = await RecordingDownstream.StartAsync();
        await using var gateway = new GatewayFactory(downstream, new()
        {
            ["Gateway:RateLimiting:Enabled"] = "true",
            ["Gateway:RateLimiting:LoginPermitsPerMinute"] = "2",
            ["ReverseProxy:Routes:public:RateLimiterPolicy"] = "login",
        }) { TestServices = ClientAddress.Register };
        using var browser = gateway.CreateBrowser();
        for (var i = 0; i < 2; i++)
        {
            await browser.GetAsync($"/public/{i}", ClientAddress.From("2001:db8:1:2::a"));
        }

        var sameSlash64 = await browser.GetAsync("/public/2", ClientAddress.From("2001:db8:1:2::b"));
        var another = await browser.GetAsync("/public/3", ClientAddress.From("198.51.100.7"));

        await ProblemAssert.IsAsync(sameSlash64, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.NotNull(sameSlash64.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, another.StatusCode);
        Assert.Equal(3, downstream.Received.Count);
    }
}
