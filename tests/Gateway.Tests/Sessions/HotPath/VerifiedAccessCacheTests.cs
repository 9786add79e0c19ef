using Gateway.Sessions.HotPath;
using Gateway.Tokens;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Sessions.HotPath;

public sealed class VerifiedAccessCacheTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public void Add_ManyCookiesOfOneSession_KeepsAtMostThePerSessionBound()
    {
        var cache = new VerifiedAccessCache(_clock);

        for (var i = 0; i < 50; i++)
        {
            cache.Add($"cookie-{i}", Entry("session-a"));
        }

        Assert.Equal(VerifiedAccessCache.MaxEntriesPerSession, cache.Count);
    }

    [Fact]
    public void Add_OneSessionAtItsBound_OtherSessionsStillCached()
    {
        var cache = new VerifiedAccessCache(_clock);
        for (var i = 0; i < 50; i++)
        {
            cache.Add($"cookie-{i}", Entry("session-a"));
        }

        cache.Add("cookie-b", Entry("session-b"));

        Assert.True(cache.TryGet("cookie-b", out _));
    }

    [Fact]
    public void Add_AfterTheSessionsEntriesExpiredAndWereSwept_CachesAgain()
    {
        var cache = new VerifiedAccessCache(_clock);
        for (var i = 0; i < VerifiedAccessCache.MaxEntriesPerSession; i++)
        {
            cache.Add($"old-{i}", Entry("session-a"));
        }

        _clock.Advance(TimeSpan.FromMinutes(6));
        cache.Sweep(_clock.GetUtcNow());
        cache.Add("new", Entry("session-a"));

        Assert.True(cache.TryGet("new", out _));
        Assert.Equal(1, cache.Count);
    }

    private VerifiedAccess Entry(string sessionId)
    {
        var now = _clock.GetUtcNow();
        var claims = new AccessTokenClaims("user", "User", [], sessionId, now, now + TimeSpan.FromMinutes(5));
        return new VerifiedAccess(new AccessTicket(claims, "api", "header.payload.signature", now + TimeSpan.FromDays(1), "kid-1"));
    }
}
