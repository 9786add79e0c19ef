using System.Net;
using Gateway.Sessions;
using Gateway.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Tests.RateLimiting;

/// <summary>
/// Guessing passwords and hammering tokens: per-IP and per-user login limits, account lockout, and the per-token
/// refresh throttle. The login budgets run on the gateway's clock (fake here); the refresh throttle's one-minute
/// windows run on real time, which tests do not wait for: each test stays inside its first window. The smart
/// lockout's networks: Users/SmartLockoutTests; what spends the login budgets: RateLimiting/LoginBudgetTests.
/// </summary>
public sealed class BruteForceTests
{
    private static Dictionary<string, string?> Limits(int loginPermits = 3, int refreshPermits = 30) => new()
    {
        ["Gateway:RateLimiting:Enabled"] = "true",
        ["Gateway:RateLimiting:LoginPermitsPerMinute"] = loginPermits.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Gateway:RateLimiting:RefreshPermitsPerMinute"] = refreshPermits.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    // A different user name each time, so only the per-IP limit can be what stops the fourth.
    [Fact]
    public async Task Login_PastThePerIpLimit_Answers429WithRetryAfter()
    {
        await using var gateway = new GatewayFactory(settings: Limits()) { TestServices = ClientAddress.Register };
        using var attacker = gateway.CreateBrowser();
        foreach (var name in new[] { "anna", "bert", "cleo" })
        {
            await attacker.SendAsync(HttpMethod.Post, "/auth/login", new { username = name, password = "guess guess guess" },
                ClientAddress.From("198.51.100.7"));
        }

        var response = await attacker.SendAsync(HttpMethod.Post, "/auth/login", new { username = "dora", password = "guess guess guess" },
            ClientAddress.From("198.51.100.7"));

        await ProblemAssert.IsAsync(response, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    // A botnet: each address is new, so only the per-user-name limit can stop the fourth guess.
    [Fact]
    public async Task Login_OneUserFromManyIps_Answers429OnceTheUserLimitIsSpent()
    {
        await using var gateway = new GatewayFactory(settings: Limits()) { TestServices = ClientAddress.Register };
        await gateway.CreateUserAsync("alice");
        using var attacker = gateway.CreateBrowser();
        foreach (var ip in new[] { "198.51.100.1", "198.51.100.2", "198.51.100.3" })
        {
            await attacker.SendAsync(HttpMethod.Post, "/auth/login", new { username = "alice", password = "guess guess guess" }, ClientAddress.From(ip));
        }

        var response = await attacker.SendAsync(HttpMethod.Post, "/auth/login", new { username = "alice", password = GatewayFactory.Password },
            ClientAddress.From("198.51.100.4"));

        await ProblemAssert.IsAsync(response, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Empty(attacker.Cookies);
    }

    // The gateway does not honour X-Forwarded-For (no trusted proxy is configured): a new value per request is no new client.
    [Fact]
    public async Task Login_SpoofedXForwardedForPerAttempt_StillHitsThePerIpLimit()
    {
        await using var gateway = new GatewayFactory(settings: Limits()) { TestServices = ClientAddress.Register };
        using var attacker = gateway.CreateBrowser();
        var attempt = 0;
        Action<HttpRequestMessage> FromSameHostClaimingAnother() => request =>
        {
            ClientAddress.From("198.51.100.7")(request);
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", $"10.0.0.{++attempt}");
        };
        foreach (var name in new[] { "anna", "bert", "cleo" })
        {
            await attacker.SendAsync(HttpMethod.Post, "/auth/login", new { username = name, password = "guess guess guess" }, FromSameHostClaimingAnother());
        }

        var response = await attacker.SendAsync(HttpMethod.Post, "/auth/login", new { username = "dora", password = "guess guess guess" },
            FromSameHostClaimingAnother());

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
    }

    // The per-user-name limit lets 10 guesses through in a minute; the lockout must not trip within that one window,
    // or any stranger locks the owner out for 15 minutes with what the rate limit allows.
    [Fact]
    public async Task Login_OneRateLimitWindowOfWrongPasswords_DoesNotLockTheOwnerOut()
    {
        await using var gateway = new GatewayFactory();
        await gateway.CreateUserAsync("alice");
        using var attacker = gateway.CreateBrowser();
        for (var i = 0; i < 10; i++)
        {
            await attacker.LoginAsync("alice", "guess guess guess");
        }

        using var owner = gateway.CreateBrowser();
        gateway.Clock.Advance(TimeSpan.FromMinutes(1));
        var response = await owner.LoginAsync("alice", GatewayFactory.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Login_TwentyWrongPasswordsByDefault_LockTheAccount()
    {
        await using var gateway = new GatewayFactory();
        await gateway.CreateUserAsync("alice");
        using var attacker = gateway.CreateBrowser();
        for (var i = 0; i < 20; i++)
        {
            await attacker.LoginAsync("alice", "guess guess guess");
        }

        using var owner = gateway.CreateBrowser();
        var response = await owner.LoginAsync("alice", GatewayFactory.Password);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Login_LockedOutAccount_RefusesTheCorrectPassword()
    {
        await using var gateway = new GatewayFactory(settings: new() { ["Gateway:Lockout:MaxFailedAttempts"] = "3" });
        await gateway.CreateUserAsync("alice");
        using var attacker = gateway.CreateBrowser();
        for (var i = 0; i < 3; i++)
        {
            await attacker.LoginAsync("alice", "guess guess guess");
        }

        using var owner = gateway.CreateBrowser();
        var response = await owner.LoginAsync("alice", GatewayFactory.Password);

        await ProblemAssert.IsAsync(response, HttpStatusCode.Unauthorized, "invalid-credentials");
        Assert.Empty(owner.Cookies);
        Assert.Equal(0, await gateway.WithDbAsync(db => db.Set<Session>().CountAsync()));
    }

    [Fact]
    public async Task Login_LockoutDurationElapsed_TheCorrectPasswordSignsInAgain()
    {
        await using var gateway = new GatewayFactory(settings: new()
        {
            ["Gateway:Lockout:MaxFailedAttempts"] = "3",
            ["Gateway:Lockout:Duration"] = "00:15:00",
        });
        await gateway.CreateUserAsync("alice");
        using var attacker = gateway.CreateBrowser();
        for (var i = 0; i < 3; i++)
        {
            await attacker.LoginAsync("alice", "guess guess guess");
        }

        using var owner = gateway.CreateBrowser();
        gateway.Clock.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await owner.LoginAsync("alice", GatewayFactory.Password)).StatusCode);
        gateway.Clock.Advance(TimeSpan.FromSeconds(1));

        var response = await owner.LoginAsync("alice", GatewayFactory.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    // Guesses made while locked are not counted: the lock ends when announced, and the owner gets back in.
    [Fact]
    public async Task Login_GuessesDuringLockout_DoNotProlongIt()
    {
        await using var gateway = new GatewayFactory(settings: new()
        {
            ["Gateway:Lockout:MaxFailedAttempts"] = "3",
            ["Gateway:Lockout:Duration"] = "00:15:00",
        });
        await gateway.CreateUserAsync("alice");
        using var attacker = gateway.CreateBrowser();
        for (var i = 0; i < 3; i++)
        {
            await attacker.LoginAsync("alice", "guess guess guess");
        }

        using var owner = gateway.CreateBrowser();
        Assert.Equal(HttpStatusCode.Unauthorized, (await owner.LoginAsync("alice", GatewayFactory.Password)).StatusCode);
        gateway.Clock.Advance(TimeSpan.FromMinutes(14));
        for (var i = 0; i < 5; i++)
        {
            await attacker.LoginAsync("alice", "guess guess guess");
        }

        gateway.Clock.Advance(TimeSpan.FromMinutes(1));

        var response = await owner.LoginAsync("alice", GatewayFactory.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    // A client replaying one refresh cookie within the grace period gets the successor each time; past the
    // per-token limit it is told to wait. Waiting is not an ending: cookies stay and the session lives.
    [Fact]
    public async Task Refresh_ThirdDecisionOnOneTokenWithinAMinute_Answers429AndKeepsTheSession()
    {
        await using var gateway = new GatewayFactory(settings: Limits(refreshPermits: 2));
        using var owner = await gateway.SignedInBrowserAsync();
        var original = new Dictionary<string, string>(owner.Cookies);
        await owner.PostAsync("/auth/refresh");
        using (var firstReplay = WithCookies(gateway.CreateBrowser(), original))
        {
            Assert.Equal(HttpStatusCode.OK, (await firstReplay.PostAsync("/auth/refresh")).StatusCode);
        }

        using var secondReplay = WithCookies(gateway.CreateBrowser(), original);

        var response = await secondReplay.PostAsync("/auth/refresh");
        gateway.Clock.Advance(TimeSpan.FromMinutes(6));
        var ownerLater = await owner.PostAsync("/auth/refresh");

        await ProblemAssert.IsAsync(response, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.OK, ownerLater.StatusCode);
        Assert.Null(await gateway.WithDbAsync(db => db.Set<Session>().Select(session => session.RevokedAt).SingleAsync()));
    }

    // Each rotation hands out a new token, so only a bound per session stops a client rotating without end
    // (every rotation stores a row). Past it: 429, cookies and session kept.
    [Fact]
    public async Task Refresh_ThirtyFirstRotationOfOneSessionWithinAMinute_Answers429AndKeepsTheSession()
    {
        await using var gateway = new GatewayFactory(settings: Limits(refreshPermits: 30));
        using var client = await gateway.SignedInBrowserAsync();
        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/auth/refresh")).StatusCode);
        }

        var response = await client.PostAsync("/auth/refresh");
        var session = await client.GetAsync("/auth/session");

        await ProblemAssert.IsAsync(response, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        Assert.Equal(31, await gateway.WithDbAsync(db => db.Set<RefreshToken>().CountAsync()));
    }

    // Another session of the same user is not held back by the first one's rotations.
    [Fact]
    public async Task Refresh_OneSessionPastItsRotationBound_OtherSessionsStillRotate()
    {
        await using var gateway = new GatewayFactory(settings: Limits(loginPermits: 10, refreshPermits: 2));
        using var busy = await gateway.SignedInBrowserAsync();
        using var other = gateway.CreateBrowser();
        await other.LoginAsync("alice", GatewayFactory.Password);
        for (var i = 0; i < 3; i++)
        {
            await busy.PostAsync("/auth/refresh");
        }

        var response = await other.PostAsync("/auth/refresh");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    // The current password on /auth/password is a credential like a login's, under the same per-user limit. Only
    // failures spend it (the contract's "Abuse and faults"): the sign-in took nothing, three wrong guesses take all.
    [Fact]
    public async Task ChangePassword_GuessingTheCurrentPasswordPastTheLimit_Answers429()
    {
        await using var gateway = new GatewayFactory(settings: Limits());
        using var thief = await gateway.SignedInBrowserAsync();

        for (var i = 0; i < 3; i++)
        {
            await thief.PostAsync("/auth/password", new { currentPassword = $"guess number {i}", newPassword = "the thief's own one" });
        }

        var response = await thief.PostAsync("/auth/password", new { currentPassword = GatewayFactory.Password, newPassword = "the thief's own one" });

        await ProblemAssert.IsAsync(response, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.NotNull(response.Headers.RetryAfter);
    }

    private static BrowserClient WithCookies(BrowserClient browser, Dictionary<string, string> cookies)
    {
        foreach (var (name, value) in cookies)
        {
            browser.Cookies[name] = value;
        }

        return browser;
    }
}
