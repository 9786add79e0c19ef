using System.Net;
using System.Text.Json;
using Gateway.Sessions.Revocation;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Gateway.Tests.Oidc.Logout;

/// <summary>CONTRACT-OIDC.md, <c>POST /auth/backchannel-logout</c>: OIDC Back-Channel Logout 1.0 with the sample provider's tokens.</summary>
public sealed class BackchannelLogoutTests
{
    [Fact]
    public async Task Backchannel_ValidTokenWithSid_EndsThatSessionOnly()
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var first = await bed.SignedInBrowserAsync("alice");
        var firstSid = bed.Provider.Recorder.Logins[^1].SessionId;
        using var second = await bed.SignedInBrowserAsync("alice");
        var tokens = new LogoutTokenFactory(bed.Provider);

        var response = await PostAsync(bed, tokens.Genuine(tokens.Claims("user-alice", firstSid)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await first.Gateway.GetAsync("/auth/session")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.Gateway.GetAsync("/auth/session")).StatusCode);
    }

    [Fact]
    public async Task Backchannel_SentByTheProvidersOwnSender_EndsTheSession()
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var browser = await bed.SignedInBrowserAsync("alice");
        var sid = bed.Provider.Recorder.Logins[^1].SessionId;
        using var gatewayHttp = bed.Gateway.CreateClient();
        var token = bed.Provider.Tokens.CreateLogoutToken("user-alice", sid);

        var response = await gatewayHttp.PostAsync("/auth/backchannel-logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["logout_token"] = token }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.Gateway.GetAsync("/auth/session")).StatusCode);
    }

    [Fact]
    public async Task Backchannel_SubjectWithoutSid_EndsAllOfTheUsersSessions()
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var first = await bed.SignedInBrowserAsync("alice");
        using var second = await bed.SignedInBrowserAsync("alice");
        using var bob = await bed.SignedInBrowserAsync("bob");
        var tokens = new LogoutTokenFactory(bed.Provider);

        var response = await PostAsync(bed, tokens.Genuine(tokens.Claims("user-alice", sid: null)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await first.Gateway.GetAsync("/auth/session")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.Gateway.GetAsync("/auth/session")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bob.Gateway.GetAsync("/auth/session")).StatusCode);
    }

    [Fact]
    public async Task Backchannel_AllUserSessionsSwitchedOn_SidEndsEverySessionOfTheUser()
    {
        await using var bed = await OidcTestBed.StartAsync(settings: new() { ["Gateway:Authentication:Oidc:BackchannelLogoutAllUserSessions"] = "true" });
        using var first = await bed.SignedInBrowserAsync("alice");
        var sid = bed.Provider.Recorder.Logins[^1].SessionId;
        using var second = await bed.SignedInBrowserAsync("alice");
        var tokens = new LogoutTokenFactory(bed.Provider);

        await PostAsync(bed, tokens.Genuine(tokens.Claims(subject: null, sid)));

        Assert.Equal(HttpStatusCode.Unauthorized, (await first.Gateway.GetAsync("/auth/session")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.Gateway.GetAsync("/auth/session")).StatusCode);
    }

    [Fact]
    public async Task Backchannel_MatchingNoSession_Answers200()
    {
        await using var bed = await OidcTestBed.StartAsync();
        var tokens = new LogoutTokenFactory(bed.Provider);

        var response = await PostAsync(bed, tokens.Genuine(tokens.Claims("nobody", "no-such-session")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Backchannel_ReplayedJti_Answers200AndChangesNothing()
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var browser = await bed.SignedInBrowserAsync("alice");
        var sid = bed.Provider.Recorder.Logins[^1].SessionId;
        var tokens = new LogoutTokenFactory(bed.Provider);
        var token = tokens.Genuine(tokens.Claims("user-alice", sid));
        await PostAsync(bed, token);

        // Signed in again in the same provider session (single sign-on): same sid, new gateway session.
        var again = await browser.SignInAsync("alice");
        Assert.DoesNotContain("loginError", again.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var replay = await PostAsync(bed, token);

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.Gateway.GetAsync("/auth/session")).StatusCode);
    }

    [Fact]
    public async Task Backchannel_ReplayedOnAnotherInstance_ChangesNothing()
    {
        await using var bed = await OidcTestBed.StartAsync();
        var other = bed.AddGateway();
        using var browser = await bed.SignedInBrowserAsync("alice");
        var sid = bed.Provider.Recorder.Logins[^1].SessionId;
        var tokens = new LogoutTokenFactory(bed.Provider);
        var token = tokens.Genuine(tokens.Claims("user-alice", sid));
        await PostAsync(bed, token);
        await browser.SignInAsync("alice");

        var replay = await PostAsync(bed, token, other);

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.Gateway.GetAsync("/auth/session")).StatusCode);
    }

    [Fact]
    public async Task Backchannel_ReceivedByOneInstance_EndsTheSessionOnTheOthers()
    {
        await using var bed = await OidcTestBed.StartAsync();
        var other = bed.AddGateway();
        using var browser = await bed.SignedInBrowserAsync("alice");
        var sid = bed.Provider.Recorder.Logins[^1].SessionId;
        using var onOther = other.CreateBrowser();
        browser.Gateway.CloneInto(onOther);
        Assert.Equal(HttpStatusCode.OK, (await onOther.GetAsync("/auth/session")).StatusCode);
        var tokens = new LogoutTokenFactory(bed.Provider);

        await PostAsync(bed, tokens.Genuine(tokens.Claims("user-alice", sid)));
        await other.Services.GetServices<IHostedService>().OfType<RevocationPoller>().Single().PollOnceAsync(default);

        Assert.Equal(HttpStatusCode.Unauthorized, (await onOther.GetAsync("/auth/session")).StatusCode);
    }

    public static TheoryData<string> InvalidTokens => new()
    {
        "forged", "forged-under-real-kid", "alg-none", "hs256", "wrong-aud", "wrong-iss", "nonce", "no-events", "events-not-object",
        "event-member-not-object", "no-jti", "no-iat", "iat-future", "expired", "typ-at+jwt", "no-sub-no-sid", "not-a-jwt",
    };

    [Theory]
    [MemberData(nameof(InvalidTokens))]
    public async Task Backchannel_InvalidToken_Answers400AndEndsNothing(string kind)
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var browser = await bed.SignedInBrowserAsync("alice");
        var sid = bed.Provider.Recorder.Logins[^1].SessionId;
        var tokens = new LogoutTokenFactory(bed.Provider);
        var claims = tokens.Claims("user-alice", sid);
        var now = DateTimeOffset.UtcNow;
        var token = kind switch
        {
            "forged" => LogoutTokenFactory.Forged(claims),
            "forged-under-real-kid" => tokens.ForgedUnderTheProvidersKid(claims),
            "alg-none" => LogoutTokenFactory.Unsigned(claims),
            "hs256" => LogoutTokenFactory.SymmetricallySigned(claims, bed.Provider.ClientSecret),
            "wrong-aud" => tokens.Genuine(With(claims, "aud", "another-client")),
            "wrong-iss" => tokens.Genuine(With(claims, "iss", "https://evil.example/")),
            "nonce" => tokens.Genuine(With(claims, "nonce", "n-0S6_WzA2Mj")),
            "no-events" => tokens.Genuine(Without(claims, "events")),
            "events-not-object" => tokens.Genuine(With(claims, "events", LogoutTokenFactory.LogoutEvent)),
            "event-member-not-object" => tokens.Genuine(With(claims, "events", new Dictionary<string, object> { [LogoutTokenFactory.LogoutEvent] = "yes" })),
            "no-jti" => tokens.Genuine(Without(claims, "jti")),
            "no-iat" => tokens.Genuine(Without(claims, "iat")),
            "iat-future" => tokens.Genuine(With(claims, "iat", now.AddMinutes(6).ToUnixTimeSeconds())),
            "expired" => tokens.Genuine(With(claims, "exp", now.AddMinutes(-6).ToUnixTimeSeconds())),
            "typ-at+jwt" => tokens.Genuine(claims, "at+jwt"),
            "no-sub-no-sid" => tokens.Genuine(Without(Without(claims, "sub"), "sid")),
            _ => "not-a-jwt",
        };

        var response = await PostAsync(bed, token);

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "invalid-logout-token");
        Assert.Equal("invalid_request", problem.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, (await browser.Gateway.GetAsync("/auth/session")).StatusCode);
    }

    [Theory]
    [InlineData("JWT")]
    [InlineData("application/logout+jwt")]
    public async Task Backchannel_TypJwtOrLogoutJwt_IsAccepted(string typ)
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var browser = await bed.SignedInBrowserAsync("alice");
        var sid = bed.Provider.Recorder.Logins[^1].SessionId;
        var tokens = new LogoutTokenFactory(bed.Provider);

        var response = await PostAsync(bed, tokens.Genuine(tokens.Claims("user-alice", sid), typ));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.Gateway.GetAsync("/auth/session")).StatusCode);
    }

    [Fact]
    public async Task Backchannel_NotAForm_Answers400()
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var http = bed.Gateway.CreateClient();

        var response = await http.PostAsync("/auth/backchannel-logout", new StringContent("""{"logout_token":"x"}""", System.Text.Encoding.UTF8, "application/json"));

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "invalid-logout-token");
    }

    [Fact]
    public async Task Backchannel_KeysCannotBeFetched_Answers503()
    {
        await using var bed = await OidcTestBed.StartAsync();
        var tokens = new LogoutTokenFactory(bed.Provider);
        var token = tokens.Genuine(tokens.Claims("user-alice", "sid"));
        await bed.Provider.StopAsync();

        var response = await PostAsync(bed, token);

        await ProblemAssert.IsAsync(response, HttpStatusCode.ServiceUnavailable, "provider-unavailable");
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task Backchannel_CrossSiteWithoutCsrfHeaderOrCookie_IsNotRefusedForCsrf()
    {
        await using var bed = await OidcTestBed.StartAsync();
        var tokens = new LogoutTokenFactory(bed.Provider);
        using var http = bed.Gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/backchannel-logout")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["logout_token"] = tokens.Genuine(tokens.Claims("x", null)) }),
        };
        request.Headers.Add("Origin", bed.Provider.Authority);
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static Dictionary<string, object> With(Dictionary<string, object> claims, string name, object value) =>
        new(claims) { [name] = value };

    private static Dictionary<string, object> Without(Dictionary<string, object> claims, string name)
    {
        var copy = new Dictionary<string, object>(claims);
        copy.Remove(name);
        return copy;
    }

    private static async Task<HttpResponseMessage> PostAsync(OidcTestBed bed, string token, GatewayFactory? gateway = null)
    {
        using var http = (gateway ?? bed.Gateway).CreateClient();
        return await http.PostAsync("/auth/backchannel-logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["logout_token"] = token }));
    }
}
