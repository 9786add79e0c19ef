using System.Net;
using Gateway.Observability;
using Gateway.Sessions;
using Gateway.Sessions.Revocation;
using Gateway.Storage;
using Gateway.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Tests.Sessions;

public abstract class SessionLifecycleTests : ProviderTests
{
    private protected SessionLifecycleTests(StorageProvider provider)
        : base(provider)
    {
    }

    [Fact]
    public async Task Refresh_ReplayedAfterGracePeriod_RevokesTheSessionForThiefAndOwner()
    {
        await using var gateway = NewGateway();
        using var owner = await gateway.SignedInBrowserAsync();
        using var thief = owner.CloneInto(gateway.CreateBrowser());
        await owner.PostAsync("/auth/refresh");
        gateway.Clock.Advance(TimeSpan.FromSeconds(31));

        var replay = await thief.PostAsync("/auth/refresh");
        var ownerAfter = await owner.GetAsync("/auth/session");
        var ownerRefresh = await owner.PostAsync("/auth/refresh");

        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Contains(thief.LastSetCookies, cookie => cookie.Name == gateway.RefreshCookieName && cookie.Expires < DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.Unauthorized, ownerAfter.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, ownerRefresh.StatusCode);
        var audit = await gateway.WithDbAsync(db => db.Set<AuditEvent>().SingleAsync(e => e.Type == AuditEventTypes.RefreshReuseDetected));
        Assert.NotNull(audit.SessionId);
        Assert.Equal(RevocationReasons.Reuse, await gateway.WithDbAsync(db => db.Set<Session>().Select(s => s.RevokedReason).SingleAsync()));
    }

    [Fact]
    public async Task Refresh_OlderTokenThanThePredecessorWithinGrace_IsReuse()
    {
        await using var gateway = NewGateway();
        using var owner = await gateway.SignedInBrowserAsync();
        using var first = owner.CloneInto(gateway.CreateBrowser());
        await owner.PostAsync("/auth/refresh");
        await owner.PostAsync("/auth/refresh");

        var replay = await first.PostAsync("/auth/refresh");

        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await owner.GetAsync("/auth/session")).StatusCode);
    }

    [Fact]
    public async Task Refresh_GracePeriodZero_AnyReplayIsReuse()
    {
        await using var gateway = NewGateway(settings: new() { ["Gateway:Tokens:RefreshGracePeriod"] = "00:00:00" });
        using var owner = await gateway.SignedInBrowserAsync();
        using var copy = owner.CloneInto(gateway.CreateBrowser());
        await owner.PostAsync("/auth/refresh");
        gateway.Clock.Advance(TimeSpan.FromMilliseconds(1));

        var replay = await copy.PostAsync("/auth/refresh");

        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
    }

    [Fact]
    public async Task Logout_ClearsCookiesAndTheOldRefreshCookieNoLongerWorks()
    {
        await using var gateway = NewGateway();
        using var browser = await gateway.SignedInBrowserAsync();
        using var kept = browser.CloneInto(gateway.CreateBrowser());

        var logout = await browser.PostAsync("/auth/logout");

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Empty(browser.Cookies);
        Assert.All(browser.LastSetCookies, cookie =>
        {
            Assert.True(cookie.Secure);
            Assert.Equal("/", cookie.Path.ToString());
            Assert.True(cookie.Expires < DateTimeOffset.UtcNow);
        });
        Assert.Equal(HttpStatusCode.Unauthorized, (await kept.PostAsync("/auth/refresh")).StatusCode);
    }

    [Fact]
    public async Task Logout_AccessCookieOfTheLoggedOutSession_IsRefusedAtOnceThoughUnexpired()
    {
        var downstream = await RecordingDownstream.StartAsync();
        await using var _ = downstream;
        await using var gateway = NewGateway(downstream);
        using var browser = await gateway.SignedInBrowserAsync();
        using var kept = browser.CloneInto(gateway.CreateBrowser());
        await kept.GetAsync("/api/warm-the-cache");

        await browser.PostAsync("/auth/logout");
        var after = await kept.GetAsync("/api/after-logout");

        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.DoesNotContain(downstream.Received, request => request.PathAndQuery == "/api/after-logout");
    }

    [Fact]
    public async Task Logout_WithoutSession_Answers204()
    {
        await using var gateway = NewGateway();
        using var browser = gateway.CreateBrowser();

        var response = await browser.PostAsync("/auth/logout");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Revocation_OnAnotherInstance_RefusedHereWithinTwoSeconds()
    {
        var downstream = await RecordingDownstream.StartAsync();
        await using var _ = downstream;
        await using var first = NewGateway(downstream);
        using var browser = await first.SignedInBrowserAsync();
        await using var second = NewGateway(downstream, databasePath: first.DatabasePath, clock: first.Clock);
        using var onSecond = browser.CloneInto(second.CreateBrowser());
        Assert.Equal(HttpStatusCode.OK, (await onSecond.GetAsync("/api/before")).StatusCode);

        await browser.PostAsync("/auth/logout");
        first.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.True(await Eventually.TrueAsync(async () => (await onSecond.GetAsync("/api/after")).StatusCode == HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task Session_IdleLifetime_EndsExactlyWhenTheRefreshTokenExpires()
    {
        await using var gateway = NewGateway(settings: new() { ["Gateway:Tokens:RefreshTokenLifetime"] = "01:00:00" });
        using var justBefore = await gateway.SignedInBrowserAsync();
        using var atLimit = gateway.CreateBrowser();
        await atLimit.LoginAsync("alice", GatewayFactory.Password);
        gateway.Clock.Advance(TimeSpan.FromHours(1) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(HttpStatusCode.OK, (await justBefore.GetAsync("/auth/session")).StatusCode);

        gateway.Clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(HttpStatusCode.Unauthorized, (await atLimit.GetAsync("/auth/session")).StatusCode);
    }

    [Fact]
    public async Task Session_AbsoluteLifetime_EndsAtTheLimitWhateverTheRotations()
    {
        await using var gateway = NewGateway(settings: new()
        {
            ["Gateway:Tokens:RefreshTokenLifetime"] = "01:00:00",
            ["Gateway:Tokens:SessionLifetime"] = "02:00:00",
        });
        using var browser = await gateway.SignedInBrowserAsync();
        for (var i = 0; i < 3; i++)
        {
            gateway.Clock.Advance(TimeSpan.FromMinutes(39));
            Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync("/auth/refresh")).StatusCode);
        }

        gateway.Clock.Advance(TimeSpan.FromMinutes(3) - TimeSpan.FromMilliseconds(1));
        var justBefore = await browser.GetAsync("/auth/session");
        gateway.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var atLimit = await browser.PostAsync("/auth/refresh");

        Assert.Equal(HttpStatusCode.OK, justBefore.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, atLimit.StatusCode);
    }

    [Fact]
    public async Task Session_AccessTokenNeverOutlivesTheSession()
    {
        await using var gateway = NewGateway(settings: new()
        {
            ["Gateway:Tokens:SessionLifetime"] = "00:02:00",
            ["Gateway:Tokens:AccessTokenLifetime"] = "00:05:00",
        });
        using var browser = await gateway.SignedInBrowserAsync();

        var body = await (await browser.GetAsync("/auth/session")).ReadJsonAsync<System.Text.Json.JsonElement>();

        var sessionEnds = body.GetProperty("sessionExpiresAt").GetDateTime();
        var accessEnds = body.GetProperty("accessTokenExpiresAt").GetDateTime();
        Assert.InRange(accessEnds, sessionEnds.AddSeconds(-1), sessionEnds);
    }

    public sealed class OnSqlite() : SessionLifecycleTests(StorageProvider.Sqlite);

    public sealed class OnPostgres() : SessionLifecycleTests(StorageProvider.Postgres);
}
