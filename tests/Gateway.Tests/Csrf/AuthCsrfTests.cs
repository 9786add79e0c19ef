using System.Net;
using Gateway.Sessions;
using Gateway.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Tests.Csrf;

/// <summary>
/// Cross-site requests to the gateway's own endpoints: each would read, end or change the victim's session or
/// account (or sign the victim into the attacker's). Refused with 403, nothing changes. Already covered elsewhere:
/// login and the session list without the header (Sessions/Endpoints/LoginEndpointTests, Sessions/Endpoints/DeviceEndpointsTests).
/// </summary>
public sealed class AuthCsrfTests
{
    [Fact]
    public async Task Session_MissingCsrfHeader_Answers403()
    {
        await using var gateway = new GatewayFactory();
        using var browser = await gateway.SignedInBrowserAsync();
        browser.SendCsrfHeader = false;

        var response = await browser.GetAsync("/auth/session");

        await ProblemAssert.IsAsync(response, HttpStatusCode.Forbidden, "csrf");
    }

    // The WebSocket exemption (an allowed Origin instead of X-CSRF) is for handshakes on protected routes only:
    // an Upgrade header must not turn it on for the gateway's own endpoints.
    [Fact]
    public async Task Session_WebSocketUpgradeHeaderFromOwnOriginWithoutCsrfHeader_Answers403()
    {
        await using var gateway = new GatewayFactory();
        using var browser = await gateway.SignedInBrowserAsync();
        browser.SendCsrfHeader = false;

        var response = await browser.GetAsync("/auth/session", request =>
        {
            request.Headers.TryAddWithoutValidation("Upgrade", "websocket");
            request.Headers.TryAddWithoutValidation("Origin", "http://localhost");
        });

        await ProblemAssert.IsAsync(response, HttpStatusCode.Forbidden, "csrf");
    }

    // Forced logout is a CSRF attack of its own: the session must survive it.
    [Fact]
    public async Task Logout_MissingCsrfHeader_Answers403AndTheSessionLives()
    {
        await using var gateway = new GatewayFactory();
        using var browser = await gateway.SignedInBrowserAsync();
        browser.SendCsrfHeader = false;

        var response = await browser.PostAsync("/auth/logout");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(browser.LastSetCookies);
        Assert.Null(await gateway.WithDbAsync(db => db.Set<Session>().Select(session => session.RevokedAt).SingleAsync()));
    }

    [Fact]
    public async Task Refresh_MissingCsrfHeader_Answers403AndRotatesNothing()
    {
        await using var gateway = new GatewayFactory();
        using var browser = await gateway.SignedInBrowserAsync();
        browser.SendCsrfHeader = false;

        var response = await browser.PostAsync("/auth/refresh");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(1, await gateway.WithDbAsync(db => db.Set<RefreshToken>().CountAsync()));
    }

    [Fact]
    public async Task ChangePassword_MissingCsrfHeader_Answers403AndTheOldPasswordStillSignsIn()
    {
        await using var gateway = new GatewayFactory();
        using var browser = await gateway.SignedInBrowserAsync();
        browser.SendCsrfHeader = false;

        var response = await browser.PostAsync("/auth/password", new { currentPassword = GatewayFactory.Password, newPassword = "attacker chose this one" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var again = gateway.CreateBrowser();
        Assert.Equal(HttpStatusCode.OK, (await again.LoginAsync("alice", GatewayFactory.Password)).StatusCode);
    }

    [Fact]
    public async Task RevokeOtherSessions_MissingCsrfHeader_Answers403AndTheyLive()
    {
        await using var gateway = new GatewayFactory();
        using var laptop = await gateway.SignedInBrowserAsync();
        using var phone = gateway.CreateBrowser();
        await phone.LoginAsync("alice", GatewayFactory.Password);
        laptop.SendCsrfHeader = false;

        var response = await laptop.DeleteAsync("/auth/sessions");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/auth/session")).StatusCode);
    }

    // Login CSRF: signing the victim's browser into the attacker's account.
    [Fact]
    public async Task Login_CrossSiteOrigin_Answers403AndSetsNoCookies()
    {
        await using var gateway = new GatewayFactory();
        await gateway.CreateUserAsync("mallory");
        using var victim = gateway.CreateBrowser();

        var response = await victim.SendAsync(HttpMethod.Post, "/auth/login", new { username = "mallory", password = GatewayFactory.Password },
            request => request.Headers.TryAddWithoutValidation("Origin", "https://evil.example"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(victim.Cookies);
    }
}
