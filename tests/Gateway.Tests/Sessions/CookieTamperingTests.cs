using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Gateway.Sessions;
using Gateway.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Gateway.Tests.Sessions;

/// <summary>
/// Cookies are opaque Data Protection ciphertexts: whatever an attacker does to them (forge, cut, flip, swap,
/// inflate) they read as no cookie at all, and the downstream sees nothing.
/// </summary>
public sealed class CookieTamperingTests : IAsyncLifetime
{
    private RecordingDownstream _downstream = null!;

    public async Task InitializeAsync() => _downstream = await RecordingDownstream.StartAsync();

    public async Task DisposeAsync() => await _downstream.DisposeAsync();

    [Fact]
    public async Task AccessCookie_MadeWithAnotherGatewaysKeys_Answers401AndForwardsNothing()
    {
        await using var gateway = new GatewayFactory(_downstream);
        await gateway.CreateUserAsync("alice");
        // Its own database, hence its own Data Protection and signing keys (not the shared test template).
        await using var attackersGateway = new GatewayFactory(_downstream) { FreshDatabase = true };
        using var forged = await attackersGateway.SignedInBrowserAsync("alice");
        using var browser = gateway.CreateBrowser();
        browser.Cookies[gateway.AccessCookieName] = forged.Cookies[gateway.AccessCookieName];

        var response = await browser.GetAsync("/api/orders");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(_downstream.Received, request => request.PathAndQuery == "/api/orders");
    }

    [Fact]
    public async Task RefreshCookie_MadeWithAnotherGatewaysKeys_Answers401AndRotatesNothing()
    {
        await using var gateway = new GatewayFactory(_downstream);
        await gateway.CreateUserAsync("alice");
        // Its own database, hence its own Data Protection and signing keys (not the shared test template).
        await using var attackersGateway = new GatewayFactory(_downstream) { FreshDatabase = true };
        using var forged = await attackersGateway.SignedInBrowserAsync("alice");
        using var browser = gateway.CreateBrowser();
        browser.Cookies[gateway.RefreshCookieName] = forged.Cookies[gateway.RefreshCookieName];

        var response = await browser.PostAsync("/auth/refresh");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await gateway.WithDbAsync(db => db.Set<RefreshToken>().CountAsync()));
    }

    // Control: the access cookie alone, untouched, is forwarded; each row changes only the cookie's value.
    [Theory]
    [InlineData("truncated")]
    [InlineData("first-byte-flipped")]
    [InlineData("middle-byte-flipped")]
    [InlineData("last-byte-flipped")]
    [InlineData("empty")]
    [InlineData("oversized")]
    [InlineData("random-base64url")]
    [InlineData("not-base64")]
    public async Task AccessCookie_Tampered_Answers401AndForwardsNothing(string tampering)
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();
        browser.Cookies.Remove(gateway.RefreshCookieName);
        browser.Cookies[gateway.AccessCookieName] = Tamper(browser.Cookies[gateway.AccessCookieName], tampering);

        var response = await browser.GetAsync("/api/orders");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_downstream.Received);
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("first-byte-flipped")]
    [InlineData("middle-byte-flipped")]
    [InlineData("last-byte-flipped")]
    [InlineData("empty")]
    [InlineData("oversized")]
    [InlineData("random-base64url")]
    [InlineData("not-base64")]
    public async Task RefreshCookie_Tampered_Answers401AndRotatesNothing(string tampering)
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();
        browser.Cookies.Remove(gateway.AccessCookieName);
        browser.Cookies[gateway.RefreshCookieName] = Tamper(browser.Cookies[gateway.RefreshCookieName], tampering);

        var response = await browser.PostAsync("/auth/refresh");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(1, await gateway.WithDbAsync(db => db.Set<RefreshToken>().CountAsync()));
    }

    [Fact]
    public async Task RefreshCookie_HoldingTheAccessCookieValue_Answers401()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();
        browser.Cookies[gateway.RefreshCookieName] = browser.Cookies[gateway.AccessCookieName];
        browser.Cookies.Remove(gateway.AccessCookieName);

        var response = await browser.PostAsync("/auth/refresh");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AccessCookie_HoldingTheRefreshCookieValue_Answers401AndForwardsNothing()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();
        browser.Cookies[gateway.AccessCookieName] = browser.Cookies[gateway.RefreshCookieName];
        browser.Cookies.Remove(gateway.RefreshCookieName);

        var response = await browser.GetAsync("/api/orders");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_downstream.Received);
    }

    // Alice's expired access cookie next to Bob's refresh cookie: the forwarded identity is wholly Bob's
    // (user, name and session), never Alice's user with Bob's session or the reverse.
    [Fact]
    public async Task ProtectedRoute_ExpiredAccessWithAnotherUsersRefresh_ForwardsOnlyThatUsersIdentity()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var alice = await gateway.SignedInBrowserAsync("alice");
        var bob = await gateway.CreateUserAsync("bob");
        using var bobsBrowser = gateway.CreateBrowser();
        var bobsSession = (await (await bobsBrowser.LoginAsync("bob", GatewayFactory.Password)).ReadJsonAsync<JsonElement>())
            .GetProperty("sessionId").GetString();
        alice.Cookies[gateway.RefreshCookieName] = bobsBrowser.Cookies[gateway.RefreshCookieName];
        gateway.Clock.Advance(TimeSpan.FromMinutes(6));

        await alice.GetAsync("/api/orders");

        var token = new JsonWebToken(Assert.Single(_downstream.Received).BearerToken);
        Assert.Equal(bob.Id, token.Subject);
        Assert.Equal("bob", token.GetClaim("name").Value);
        Assert.Equal(bobsSession, token.GetClaim("sid").Value);
    }

    [Fact]
    public async Task ProtectedRoute_OwnersCookiesAfterReuseRevocation_Answers401AndForwardsNothing()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var owner = await gateway.SignedInBrowserAsync();
        using var thief = owner.CloneInto(gateway.CreateBrowser());
        await owner.PostAsync("/auth/refresh");
        gateway.Clock.Advance(TimeSpan.FromSeconds(31));
        await thief.PostAsync("/auth/refresh");
        gateway.Clock.Advance(TimeSpan.FromMinutes(6));

        var response = await owner.GetAsync("/api/orders");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_downstream.Received);
        Assert.Equal(2, await gateway.WithDbAsync(db => db.Set<RefreshToken>().CountAsync()));
    }

    // Session fixation: cookies planted in the victim's browser (the attacker's own session) are replaced at
    // login, and the attacker's copy of them does not lead into the victim's new session.
    [Fact]
    public async Task Login_WithPlantedCookiesOfAnotherAccount_GivesTheAttackersCopyNothing()
    {
        await using var gateway = new GatewayFactory(_downstream);
        await gateway.CreateUserAsync("alice");
        using var attacker = await gateway.SignedInBrowserAsync("mallory");
        var planted = new Dictionary<string, string>(attacker.Cookies);
        using var victim = attacker.CloneInto(gateway.CreateBrowser());

        await victim.LoginAsync("alice", GatewayFactory.Password);
        var attackersView = await attacker.GetAsync("/auth/session");

        Assert.Equal(HttpStatusCode.Unauthorized, attackersView.StatusCode);
        Assert.NotEqual(planted[gateway.AccessCookieName], victim.Cookies[gateway.AccessCookieName]);
        Assert.NotEqual(planted[gateway.RefreshCookieName], victim.Cookies[gateway.RefreshCookieName]);
    }

    /// <summary>
    /// Byte flips work on the decoded ciphertext: flipping a base64url character can touch only padding bits and
    /// decode to the same bytes, which would be no tampering at all.
    /// </summary>
    private static string Tamper(string cookie, string tampering) => tampering switch
    {
        "truncated" => cookie[..^10],
        "first-byte-flipped" => FlipByte(cookie, bytes => 0),
        "middle-byte-flipped" => FlipByte(cookie, bytes => bytes / 2),
        "last-byte-flipped" => FlipByte(cookie, bytes => bytes - 1),
        "empty" => "",
        "oversized" => cookie + new string('A', 5000 - cookie.Length),
        "random-base64url" => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(Base64Url.DecodeFromChars(cookie).Length)),
        "not-base64" => "%%%%***not-base64***%%%%",
        _ => throw new ArgumentOutOfRangeException(nameof(tampering), tampering, null),
    };

    private static string FlipByte(string cookie, Func<int, int> position)
    {
        var bytes = Base64Url.DecodeFromChars(cookie);
        bytes[position(bytes.Length)] ^= 0x01;
        return Base64Url.EncodeToString(bytes);
    }
}
