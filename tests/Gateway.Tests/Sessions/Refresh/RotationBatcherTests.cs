using System.Net;
using Gateway.Sessions;
using Gateway.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Tests.Sessions.Refresh;

/// <summary>
/// Rotations of different sessions that arrive together are committed together: each must still be decided on
/// its own, as if it had been alone.
/// </summary>
public sealed class RotationBatcherTests
{
    [Fact]
    public async Task Rotate_ThirtySessionsAtOnce_EachRotatesOnceAndStaysUsable()
    {
        await using var gateway = new GatewayFactory();
        var browsers = new List<BrowserClient>();
        for (var i = 0; i < 30; i++)
        {
            browsers.Add(await gateway.SignedInBrowserAsync($"user{i}"));
        }

        var answers = await Task.WhenAll(browsers.Select(browser => browser.PostAsync("/auth/refresh")));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.StatusCode));
        var tokensPerSession = await gateway.WithDbAsync(db => db.Set<RefreshToken>().GroupBy(token => token.SessionId)
            .Select(group => new { Total = group.Count(), Consumed = group.Count(token => token.ConsumedAt != null) }).ToListAsync());
        Assert.Equal(30, tokensPerSession.Count);
        Assert.All(tokensPerSession, session => Assert.Equal((2, 1), (session.Total, session.Consumed)));
        var again = await Task.WhenAll(browsers.Select(browser => browser.PostAsync("/auth/refresh")));
        Assert.All(again, answer => Assert.Equal(HttpStatusCode.OK, answer.StatusCode));
    }

    [Fact]
    public async Task Rotate_ConcurrentWithAReuseOfAnotherSession_OnlyTheReusedSessionEnds()
    {
        await using var gateway = new GatewayFactory();
        using var honest = await gateway.SignedInBrowserAsync("honest");
        using var victim = await gateway.SignedInBrowserAsync("victim");
        using var thief = victim.CloneInto(gateway.CreateBrowser());
        Assert.Equal(HttpStatusCode.OK, (await victim.PostAsync("/auth/refresh")).StatusCode);
        gateway.Clock.Advance(TimeSpan.FromMinutes(1));

        var answers = await Task.WhenAll(honest.PostAsync("/auth/refresh"), thief.PostAsync("/auth/refresh"));

        Assert.Equal(HttpStatusCode.OK, answers[0].StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, answers[1].StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await honest.GetAsync("/auth/session")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await victim.PostAsync("/auth/refresh")).StatusCode);
    }
}
