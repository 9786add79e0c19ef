using System.Net;
using Gateway.Storage;
using Gateway.Tests.Infrastructure;
using Gateway.TestSupport;

namespace Gateway.Tests.Sessions;

/// <summary>A lost database is not a logout: only definitive answers end sessions.</summary>
public abstract class DatabaseFaultTests : ProviderTests, IAsyncLifetime
{
    private RecordingDownstream _downstream = null!;

    // On PostgreSQL an outage stops the whole server: these tests get one of their own.
    private ThrowawayPostgres? _server;

    private protected DatabaseFaultTests(StorageProvider provider)
        : base(provider)
    {
    }

    public async Task InitializeAsync()
    {
        _downstream = await RecordingDownstream.StartAsync();
        _server = Provider == StorageProvider.Postgres ? ThrowawayPostgres.Start() : null;
    }

    public async Task DisposeAsync()
    {
        await _downstream.DisposeAsync();
        _server?.Dispose();
    }

    [Fact]
    public async Task Refresh_DatabaseDown_Answers503WithRetryAfterAndKeepsCookies()
    {
        await using var gateway = NewGateway(_downstream, postgres: _server);
        using var browser = await gateway.SignedInBrowserAsync();
        gateway.Clock.Advance(TimeSpan.FromMinutes(6));
        var cookiesBefore = new Dictionary<string, string>(browser.Cookies);

        HttpResponseMessage proxied, refresh;
        using (DatabaseOutage.Begin(gateway))
        {
            proxied = await browser.GetAsync("/api/orders");
            refresh = await browser.PostAsync("/auth/refresh");
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, proxied.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refresh.StatusCode);
        Assert.NotNull(proxied.Headers.RetryAfter);
        Assert.NotNull(refresh.Headers.RetryAfter);
        Assert.False(proxied.Headers.Contains("Set-Cookie"));
        Assert.False(refresh.Headers.Contains("Set-Cookie"));
        Assert.Equal(cookiesBefore, browser.Cookies);
        Assert.Empty(_downstream.Received);
    }

    [Fact]
    public async Task Refresh_DatabaseBack_TheSameCookiesRefreshAndTheSessionLives()
    {
        await using var gateway = NewGateway(_downstream, postgres: _server);
        using var browser = await gateway.SignedInBrowserAsync();
        gateway.Clock.Advance(TimeSpan.FromMinutes(6));
        using (DatabaseOutage.Begin(gateway))
        {
            await browser.GetAsync("/api/orders");
        }

        var afterwards = await browser.GetAsync("/api/orders");

        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
        Assert.Contains(browser.LastSetCookies, cookie => cookie.Name == gateway.RefreshCookieName);
    }

    [Fact]
    public async Task HotPath_DatabaseDown_LiveAccessTokensKeepFlowing()
    {
        await using var gateway = NewGateway(_downstream, postgres: _server);
        using var browser = await gateway.SignedInBrowserAsync();

        HttpResponseMessage response;
        using (DatabaseOutage.Begin(gateway))
        {
            response = await browser.GetAsync("/api/orders");
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(_downstream.Received);
    }

    [Fact]
    public async Task LoginAndLogout_DatabaseDown_Answer503AndLogoutKeepsCookies()
    {
        await using var gateway = NewGateway(_downstream, postgres: _server);
        using var browser = await gateway.SignedInBrowserAsync();
        using var stranger = gateway.CreateBrowser();

        HttpResponseMessage logout, login;
        using (DatabaseOutage.Begin(gateway))
        {
            logout = await browser.PostAsync("/auth/logout");
            login = await stranger.LoginAsync("alice", GatewayFactory.Password);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, logout.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, login.StatusCode);
        Assert.NotNull(logout.Headers.RetryAfter);
        Assert.Equal("application/problem+json", logout.Content.Headers.ContentType?.MediaType);
        Assert.False(logout.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/auth/session")).StatusCode);
    }

    [Fact]
    public async Task Readiness_DatabaseDown_Answers503ThenRecovers()
    {
        await using var gateway = NewGateway(postgres: _server);
        using var client = gateway.CreateBrowser();

        HttpResponseMessage down;
        using (DatabaseOutage.Begin(gateway))
        {
            down = await client.GetAsync("/readyz");
        }

        // Readiness is checked at most once per second (DatabaseHealthCheck.CacheFor).
        gateway.Clock.Advance(TimeSpan.FromSeconds(1));
        var up = await client.GetAsync("/readyz");
        var alive = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Equal(HttpStatusCode.OK, up.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    public sealed class OnSqlite() : DatabaseFaultTests(StorageProvider.Sqlite);

    public sealed class OnPostgres() : DatabaseFaultTests(StorageProvider.Postgres);
}
