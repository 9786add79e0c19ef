using System.Net;
using System.Text.Json;
using Gateway.Sessions;
using Gateway.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Gateway.Tests.Sessions;

/// <summary>What time does to tokens: an expired token is never forwarded, an idle session stays over, and a clock set back revives nothing.</summary>
public sealed class TokenTimingTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> ShortAccessLongGrace = new()
    {
        ["Gateway:Tokens:AccessTokenLifetime"] = "00:00:02",
        ["Gateway:Tokens:RefreshGracePeriod"] = "00:00:05",
    };

    private RecordingDownstream _downstream = null!;

    public async Task InitializeAsync() => _downstream = await RecordingDownstream.StartAsync();

    public async Task DisposeAsync() => await _downstream.DisposeAsync();

    [Fact]
    public async Task ProtectedRoute_ExpiredAccessToken_ForwardsAFreshTokenNeverTheExpiredOne()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();
        await browser.GetAsync("/api/before");
        var expired = _downstream.Received.Single().BearerToken;
        gateway.Clock.Advance(TimeSpan.FromMinutes(6));

        await browser.GetAsync("/api/after");

        var forwarded = _downstream.Received.Single(request => request.PathAndQuery == "/api/after").BearerToken;
        Assert.NotEqual(expired, forwarded);
        Assert.True(new JsonWebToken(forwarded).ValidTo > gateway.Clock.GetUtcNow().UtcDateTime);
    }

    // The first request puts the verified cookie in the gateway's cache; the cache must not outlive the token.
    [Fact]
    public async Task ProtectedRoute_CachedAccessTokenAtItsExactExpiry_IsRefreshedNotForwarded()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();
        var session = await (await browser.GetAsync("/auth/session")).ReadJsonAsync<JsonElement>();
        await browser.GetAsync("/api/warm-the-cache");
        var cached = _downstream.Received.Single().BearerToken!;
        gateway.Clock.SetUtcNow(session.GetProperty("accessTokenExpiresAt").GetDateTimeOffset());

        await browser.GetAsync("/api/at-expiry");

        var forwarded = _downstream.Received.Single(request => request.PathAndQuery == "/api/at-expiry").BearerToken;
        Assert.NotEqual(cached, forwarded);
        Assert.Contains(browser.LastSetCookies, cookie => cookie.Name == gateway.RefreshCookieName);
    }

    // JWT times are whole seconds: the token's exp can fall up to a second before the instant the gateway
    // considers the access cookie expired. A downstream validating without clock skew refuses it in that second.
    [Fact]
    public async Task ProtectedRoute_ClockAtTheForwardedTokensExpClaim_DoesNotForwardIt()
    {
        var halfPastASecond = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()).AddMilliseconds(500);
        await using var gateway = new GatewayFactory(_downstream, clock: new FakeTimeProvider(halfPastASecond));
        using var browser = await gateway.SignedInBrowserAsync();
        await browser.GetAsync("/api/warm-the-cache");
        var cached = _downstream.Received.Single().BearerToken!;
        gateway.Clock.SetUtcNow(new JsonWebToken(cached).ValidTo);

        await browser.GetAsync("/api/at-exp");

        Assert.NotEqual(cached, _downstream.Received.Single(request => request.PathAndQuery == "/api/at-exp").BearerToken);
    }

    // A second tab still holds the predecessor after the first tab rotated; by the time it calls, the successor's
    // access token has expired too (access lifetime shorter than the time since the rotation, within the grace period).
    [Fact]
    public async Task ProtectedRoute_PredecessorReplayedWithinGraceAfterTheSuccessorsAccessExpired_ForwardsAnUnexpiredToken()
    {
        await using var gateway = new GatewayFactory(_downstream, ShortAccessLongGrace);
        using var firstTab = await gateway.SignedInBrowserAsync();
        using var secondTab = firstTab.CloneInto(gateway.CreateBrowser());
        gateway.Clock.Advance(TimeSpan.FromSeconds(3));
        await firstTab.GetAsync("/api/rotates");
        gateway.Clock.Advance(TimeSpan.FromSeconds(3));

        var response = await secondTab.GetAsync("/api/replays");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var forwarded = new JsonWebToken(_downstream.Received.Single(request => request.PathAndQuery == "/api/replays").BearerToken);
        Assert.True(forwarded.ValidTo > gateway.Clock.GetUtcNow().UtcDateTime, $"forwarded a token that expired at {forwarded.ValidTo:O}");
        Assert.Equal(firstTab.Cookies[gateway.RefreshCookieName], secondTab.Cookies[gateway.RefreshCookieName]);
    }

    [Fact]
    public async Task Refresh_PredecessorReplayedWithinGraceAfterTheSuccessorsAccessExpired_AnswersAnUnexpiredAccessToken()
    {
        await using var gateway = new GatewayFactory(_downstream, ShortAccessLongGrace);
        using var firstTab = await gateway.SignedInBrowserAsync();
        using var secondTab = firstTab.CloneInto(gateway.CreateBrowser());
        gateway.Clock.Advance(TimeSpan.FromSeconds(3));
        await firstTab.PostAsync("/auth/refresh");
        gateway.Clock.Advance(TimeSpan.FromSeconds(3));

        var response = await secondTab.PostAsync("/auth/refresh");
        await secondTab.GetAsync("/api/after-replay");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("accessTokenExpiresAt").GetDateTimeOffset() > gateway.Clock.GetUtcNow());
        var forwarded = new JsonWebToken(_downstream.Received.Single().BearerToken);
        Assert.True(forwarded.ValidTo > gateway.Clock.GetUtcNow().UtcDateTime);
        Assert.Equal(firstTab.Cookies[gateway.RefreshCookieName], secondTab.Cookies[gateway.RefreshCookieName]);
    }

    [Fact]
    public async Task ProtectedRoute_RefreshTokenPastIdleLifetime_Answers401ClearsCookiesAndForwardsNothing()
    {
        await using var gateway = new GatewayFactory(_downstream, new() { ["Gateway:Tokens:RefreshTokenLifetime"] = "01:00:00" });
        using var browser = await gateway.SignedInBrowserAsync();
        gateway.Clock.Advance(TimeSpan.FromHours(1));

        var response = await browser.GetAsync("/api/orders");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_downstream.Received);
        Assert.Empty(browser.Cookies);
    }

    // A clock stepped back (NTP correction, VM restore) puts "now" before the consumption time of a rotated
    // token. Whatever the answer to a replay, a consumed token must not mint a new one.
    [Fact]
    public async Task Refresh_ConsumedTokenReplayedAfterClockSetBack_MintsNoNewToken()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var owner = await gateway.SignedInBrowserAsync();
        using var stale = owner.CloneInto(gateway.CreateBrowser());
        await owner.PostAsync("/auth/refresh");
        gateway.Clock.AdjustTime(gateway.Clock.GetUtcNow().AddHours(-1));

        await stale.PostAsync("/auth/refresh");

        Assert.Equal(2, await gateway.WithDbAsync(db => db.Set<RefreshToken>().CountAsync()));
    }

    // Revocation is a fact in the gateway's memory and database, not a time: no clock change brings a session back.
    [Fact]
    public async Task ProtectedRoute_LoggedOutAccessCookieAfterClockSetBack_StaysRefused()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();
        using var kept = browser.CloneInto(gateway.CreateBrowser());
        await browser.PostAsync("/auth/logout");
        gateway.Clock.AdjustTime(gateway.Clock.GetUtcNow().AddHours(-1));

        var response = await kept.GetAsync("/api/orders");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_downstream.Received);
    }
}
