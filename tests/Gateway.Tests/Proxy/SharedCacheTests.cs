using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Proxy;

/// <summary>
/// A CDN or company proxy in front of the gateway sees one URL for every user: on a protected route an answer is
/// per user, so no shared cache may store it (RFC 9111 section 5.2.2.7, <c>private</c>), whatever the downstream
/// allowed. The browser's own cache keeps the downstream's rules.
/// </summary>
public sealed class SharedCacheTests : IAsyncLifetime
{
    private RecordingDownstream _downstream = null!;

    public async Task InitializeAsync() => _downstream = await RecordingDownstream.StartAsync();

    public async Task DisposeAsync() => await _downstream.DisposeAsync();

    [Theory]
    [InlineData("public, max-age=600", "private, max-age=600")]
    [InlineData("s-maxage=600", "private")]
    [InlineData("max-age=60, s-maxage=600, must-revalidate", "private, max-age=60, must-revalidate")]
    [InlineData("PUBLIC", "private")]
    [InlineData("private=\"Set-Cookie\", max-age=60", "private, max-age=60")]
    [InlineData("max-age=60", "private, max-age=60")]
    [InlineData("no-store", "no-store")]
    [InlineData("private, max-age=60", "private, max-age=60")]
    public async Task ProtectedRoute_DownstreamCacheControl_NeverLetsASharedCacheStoreIt(string downstream, string expected)
    {
        _downstream.ResponseHeaders["Cache-Control"] = downstream;
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();

        var response = await browser.GetAsync("/api/catalog");

        Assert.Equal(Directives(expected), Directives(string.Join(",", response.Headers.NonValidated["Cache-Control"])));
    }

    // Heuristic freshness (RFC 9111 section 4.2.2) would let a shared cache keep a 200 that says nothing.
    [Fact]
    public async Task ProtectedRoute_DownstreamSaysNothingAboutCaching_IsPrivate()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();

        var response = await browser.GetAsync("/api/catalog");

        Assert.True(response.Headers.CacheControl?.Private);
    }

    // The answer carries new session cookies: no cache at all may keep it (Proxy/SessionTransformTests has the public case).
    [Fact]
    public async Task ProtectedRoute_RefreshedOnAPrivateDownstreamAnswer_IsNoStore()
    {
        _downstream.ResponseHeaders["Cache-Control"] = "private, max-age=600";
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();
        gateway.Clock.Advance(TimeSpan.FromMinutes(6));

        var response = await browser.GetAsync("/api/catalog");

        Assert.Contains(browser.LastSetCookies, cookie => cookie.Name == gateway.RefreshCookieName);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    // Control: an anonymous route's answer is the same for everyone; the downstream's caching rules pass as written.
    [Fact]
    public async Task AnonymousRoute_PublicCacheControl_PassesUnchanged()
    {
        _downstream.ResponseHeaders["Cache-Control"] = "public, max-age=600";
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = gateway.CreateBrowser();

        var response = await browser.GetAsync("/public/catalog");

        Assert.Equal("public, max-age=600", response.Headers.CacheControl?.ToString());
    }

    private static string[] Directives(string cacheControl) =>
        cacheControl.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToArray();
}
