using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Gateway.Sessions;
using Gateway.Sessions.Refresh;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace Gateway.Tests.Sessions;

/// <summary>
/// Tokens never reach JavaScript, caches or the database in the clear: answers carry none, every cookie the
/// gateway sets or clears keeps its protections, only hashes are stored, and the JWKS holds public halves only.
/// The login answer is covered in Sessions/Endpoints/LoginEndpointTests.
/// </summary>
public sealed class TokenExposureTests : IAsyncLifetime
{
    private RecordingDownstream _downstream = null!;

    public async Task InitializeAsync() => _downstream = await RecordingDownstream.StartAsync();

    public async Task DisposeAsync() => await _downstream.DisposeAsync();

    [Fact]
    public async Task Session_Body_CarriesNoTokenNorCookieValue()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();

        var body = await (await browser.GetAsync("/auth/session")).Content.ReadAsStringAsync();

        AssertCarriesNoSecret(gateway, browser, body);
    }

    [Fact]
    public async Task Refresh_Body_CarriesNoTokenNorCookieValue()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();

        var body = await (await browser.PostAsync("/auth/refresh")).Content.ReadAsStringAsync();

        AssertCarriesNoSecret(gateway, browser, body);
    }

    [Fact]
    public async Task SessionList_Body_CarriesNoTokenHashNorCookieValue()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();

        var body = await (await browser.GetAsync("/auth/sessions")).Content.ReadAsStringAsync();

        AssertCarriesNoSecret(gateway, browser, body);
        Assert.DoesNotContain(RefreshTokenValue.Hash(PlainRefreshToken(gateway, browser)), body, StringComparison.Ordinal);
    }

    // The login path is covered elsewhere; rotation on a proxied request writes cookies from another place.
    [Fact]
    public async Task ProxiedRefresh_NewCookies_AreHostPrefixedHttpOnlySecureStrict()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();
        gateway.Clock.Advance(TimeSpan.FromMinutes(6));

        await browser.GetAsync("/api/orders");

        Assert.Equal(["__Host-gw-access", "__Host-gw-refresh"], browser.LastSetCookies.Select(cookie => cookie.Name.ToString()).Order());
        Assert.All(browser.LastSetCookies, AssertProtected);
    }

    // A deletion that differs in name, path or Secure is ignored by browsers: the stale cookie would stay.
    [Fact]
    public async Task ProxiedRequestOfEndedSession_ClearingCookies_MatchTheSetOnes()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();
        using var kept = browser.CloneInto(gateway.CreateBrowser());
        await browser.PostAsync("/auth/logout");

        await kept.GetAsync("/api/orders");

        Assert.Equal(["__Host-gw-access", "__Host-gw-refresh"], kept.LastSetCookies.Select(cookie => cookie.Name.ToString()).Order());
        Assert.All(kept.LastSetCookies, cookie =>
        {
            AssertProtected(cookie);
            Assert.True(cookie.Expires < gateway.Clock.GetUtcNow());
        });
    }

    // Whoever reads the database (a backup, a replica) must not find a refresh token to present; only its hash.
    [Fact]
    public async Task RefreshToken_PlainValue_NeverReachesTheDatabaseFiles()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();
        await browser.PostAsync("/auth/refresh");
        var token = PlainRefreshToken(gateway, browser);

        var stored = ReadDatabaseFiles(gateway.DatabasePath);

        Assert.True(Contains(stored, Encoding.ASCII.GetBytes(RefreshTokenValue.Hash(token))), "control: the hash is where the test looks");
        Assert.False(Contains(stored, token));
        Assert.False(Contains(stored, Encoding.ASCII.GetBytes(Base64Url.EncodeToString(token))));
        Assert.False(Contains(stored, Encoding.ASCII.GetBytes(Convert.ToBase64String(token))));
        Assert.False(Contains(stored, Encoding.ASCII.GetBytes(Convert.ToHexString(token))));
        Assert.False(Contains(stored, Encoding.ASCII.GetBytes(Convert.ToHexString(token).ToLowerInvariant())));
    }

    [Fact]
    public async Task RefreshToken_EachLogin_IsAFresh256BitValue()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var first = await gateway.SignedInBrowserAsync();
        using var second = gateway.CreateBrowser();

        await second.LoginAsync("alice", GatewayFactory.Password);

        var a = PlainRefreshToken(gateway, first);
        var b = PlainRefreshToken(gateway, second);
        Assert.Equal(32, a.Length);
        Assert.Equal(32, b.Length);
        Assert.NotEqual(a, b);
    }

    [Theory]
    [InlineData("RS256")]
    [InlineData("ES256")]
    public async Task Jwks_AnyAlgorithm_PublishesNoPrivateKeyParameters(string algorithm)
    {
        await using var gateway = new GatewayFactory(_downstream, new() { ["Gateway:Tokens:SigningAlgorithm"] = algorithm });
        using var browser = gateway.CreateBrowser();

        var jwks = await (await browser.GetAsync("/.well-known/jwks.json")).ReadJsonAsync<JsonElement>();

        var key = Assert.Single(jwks.GetProperty("keys").EnumerateArray());
        Assert.Equal(algorithm, key.GetProperty("alg").GetString());
        Assert.All(new[] { "d", "p", "q", "dp", "dq", "qi", "oth", "k" }, parameter => Assert.False(key.TryGetProperty(parameter, out _), parameter));
    }

    // A shared or browser cache must not keep a session answer for the next person on the machine.
    [Fact]
    public async Task Session_Answer_IsNoStoreAndNoSniff()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();

        var response = await browser.GetAsync("/auth/session");

        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    private static void AssertCarriesNoSecret(GatewayFactory gateway, BrowserClient browser, string body)
    {
        Assert.DoesNotContain("eyJ", body, StringComparison.Ordinal);
        Assert.DoesNotContain(browser.Cookies[gateway.AccessCookieName], body, StringComparison.Ordinal);
        Assert.DoesNotContain(browser.Cookies[gateway.RefreshCookieName], body, StringComparison.Ordinal);
        Assert.DoesNotContain(Base64Url.EncodeToString(PlainRefreshToken(gateway, browser)), body, StringComparison.Ordinal);
    }

    private static void AssertProtected(SetCookieHeaderValue cookie)
    {
        Assert.True(cookie.HttpOnly);
        Assert.True(cookie.Secure);
        Assert.Equal("/", cookie.Path.ToString());
        Assert.Equal(SameSiteMode.Strict, cookie.SameSite);
        Assert.True(cookie.Domain.Length == 0);
    }

    private static byte[] PlainRefreshToken(GatewayFactory gateway, BrowserClient browser) =>
        gateway.Services.GetRequiredService<SessionCookieProtector>().UnprotectRefresh(browser.Cookies[gateway.RefreshCookieName])!;

    /// <summary>The SQLite file and its write-ahead log, read while the gateway holds them open.</summary>
    private static byte[] ReadDatabaseFiles(string path)
    {
        using var all = new MemoryStream();
        foreach (var file in new[] { path, path + "-wal" }.Where(File.Exists))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.CopyTo(all);
        }

        return all.ToArray();
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
