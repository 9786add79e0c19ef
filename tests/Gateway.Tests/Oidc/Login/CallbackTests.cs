using System.Net;
using System.Text.Json;
using Gateway.Sessions;
using Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using SampleIdentityProvider.Faults;

namespace Gateway.Tests.Oidc.Login;

/// <summary>CONTRACT-OIDC.md, <c>GET /auth/callback</c>: the OP's answer, checked, then a session exactly like a local login's.</summary>
public sealed class CallbackTests
{
    private static readonly Dictionary<string, string?> WithoutPar = new() { ["Gateway:Authentication:Oidc:PushedAuthorizationBehavior"] = "Disable" };

    [Fact]
    public async Task Callback_Success_SetsTheTwoSessionCookiesAndRedirectsToTheReturnUrl()
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var browser = bed.CreateBrowser();

        var landing = await browser.SignInAsync(query: "?returnUrl=/orders%3Fpage%3D2");

        Assert.Equal(HttpStatusCode.Redirect, landing.StatusCode);
        Assert.Equal("/orders?page=2", landing.Headers.Location!.OriginalString);
        Assert.Equal("no-store", landing.Headers.CacheControl?.ToString());
        var set = browser.Gateway.LastSetCookies.Where(cookie => cookie.Expires is null || cookie.Expires > DateTimeOffset.UtcNow).ToList();
        Assert.Equal(new[] { SessionCookieNames.SecureAccess, SessionCookieNames.SecureRefresh }, set.Select(cookie => cookie.Name.Value!).Order().ToArray());
        Assert.All(set, cookie =>
        {
            Assert.True(cookie.HttpOnly);
            Assert.True(cookie.Secure);
            Assert.Equal("/", cookie.Path.Value);
            Assert.Equal(Microsoft.Net.Http.Headers.SameSiteMode.Strict, cookie.SameSite);
        });
        Assert.DoesNotContain(browser.Gateway.Cookies.Keys, name => name.StartsWith("__Host-gateway.login.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Callback_Success_SessionBodyNamesTheProvidersUser()
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var browser = await bed.SignedInBrowserAsync("alice");

        var body = await (await browser.Gateway.GetAsync("/auth/session")).ReadJsonAsync<JsonElement>();

        Assert.Equal("user-alice", body.GetProperty("user").GetProperty("id").GetString());
        Assert.Equal("Alice Liddell", body.GetProperty("user").GetProperty("name").GetString());
        Assert.Equal(new[] { "admin", "user" }, body.GetProperty("user").GetProperty("roles").EnumerateArray().Select(role => role.GetString()!).ToArray());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("sessionId").GetString()));
    }

    [Fact]
    public async Task Callback_UserWithoutRoles_HasAnEmptyRoleList()
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var browser = await bed.SignedInBrowserAsync("carol");

        var body = await (await browser.Gateway.GetAsync("/auth/session")).ReadJsonAsync<JsonElement>();

        Assert.Equal(0, body.GetProperty("user").GetProperty("roles").GetArrayLength());
    }

    [Fact]
    public async Task Callback_Success_EndsTheSessionTheRequestCameWith()
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var browser = await bed.SignedInBrowserAsync();
        var first = await SessionIdAsync(browser);

        await browser.SignInAsync("bob");

        Assert.NotEqual(first, await SessionIdAsync(browser));
        var revoked = await bed.Gateway.WithDbAsync(db => db.Set<Session>().SingleAsync(session => session.Id == first));
        Assert.Equal("new-login", revoked.RevokedReason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?state=unknown.state")]
    [InlineData("?code=abc")]
    public async Task Callback_NoMatchingLoginState_Answers400AndStartsNoSession(string query)
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var browser = bed.CreateBrowser();
        await browser.NavigateAsync("/auth/login");

        var response = await browser.NavigateAsync("/auth/callback" + query);

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "unknown-login-state");
        Assert.DoesNotContain(browser.Gateway.LastSetCookies, cookie => SessionCookieNames.IsGatewayCookie(cookie.Name.Value) && cookie.Value.Length > 0
            && !cookie.Name.Value!.Contains("login", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Callback_TamperedLoginStateCookie_Answers400AndClearsIt()
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var browser = bed.CreateBrowser();
        var login = await browser.NavigateAsync("/auth/login");
        var name = browser.Gateway.Cookies.Keys.Single(key => key.StartsWith("__Host-gateway.login.", StringComparison.Ordinal));
        var value = browser.Gateway.Cookies[name];
        browser.Gateway.Cookies[name] = value[..10] + (value[10] == 'A' ? 'B' : 'A') + value[11..];
        var callback = await browser.AtProviderUntilCallbackAsync(login.Headers.Location!);

        var response = await browser.NavigateAsync(callback.PathAndQuery);

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "unknown-login-state");
        Assert.DoesNotContain(name, browser.Gateway.Cookies.Keys);
        Assert.Empty(await bed.Gateway.WithDbAsync(db => db.Set<Session>().ToListAsync()));
    }

    [Fact]
    public async Task Callback_TamperedState_Answers400()
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var browser = bed.CreateBrowser();
        var login = await browser.NavigateAsync("/auth/login");
        var callback = await browser.AtProviderUntilCallbackAsync(login.Headers.Location!);
        var query = QueryHelpers.ParseQuery(callback.Query);
        var state = query["state"].ToString();

        var response = await browser.NavigateAsync(
            $"/auth/callback?code={query["code"]}&iss={Uri.EscapeDataString(query["iss"]!)}&state={state[..^1]}{(state[^1] == 'a' ? 'b' : 'a')}");

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "unknown-login-state");
    }

    [Fact]
    public async Task Callback_UsedTwice_Answers400TheSecondTime()
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var browser = bed.CreateBrowser();
        var login = await browser.NavigateAsync("/auth/login");
        var callback = await browser.AtProviderUntilCallbackAsync(login.Headers.Location!);
        var stolenCookies = new Dictionary<string, string>(browser.Gateway.Cookies);
        await browser.NavigateAsync(callback.PathAndQuery);
        using var attacker = bed.CreateBrowser();
        foreach (var (key, value) in stolenCookies)
        {
            attacker.Gateway.Cookies[key] = value;
        }

        var again = await browser.NavigateAsync(callback.PathAndQuery);
        var replayed = await attacker.NavigateAsync(callback.PathAndQuery);

        await ProblemAssert.IsAsync(again, HttpStatusCode.BadRequest, "unknown-login-state");
        Assert.Contains("loginError=provider_error", replayed.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Callback_AfterTheLoginStateLifetime_Answers400()
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var browser = bed.CreateBrowser();
        var login = await browser.NavigateAsync("/auth/login");
        var callback = await browser.AtProviderUntilCallbackAsync(login.Headers.Location!);
        bed.Gateway.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        var response = await browser.NavigateAsync(callback.PathAndQuery);

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "unknown-login-state");
    }

    [Fact]
    public async Task Callback_IssuerOfAnotherProvider_FailsWithInvalidResponse()
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var browser = bed.CreateBrowser();
        var login = await browser.NavigateAsync("/auth/login?returnUrl=/here");
        var callback = await browser.AtProviderUntilCallbackAsync(login.Headers.Location!);
        var query = QueryHelpers.ParseQuery(callback.Query);

        var response = await browser.NavigateAsync($"/auth/callback?code={query["code"]}&state={query["state"]}&iss={Uri.EscapeDataString("https://evil.example/")}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/here?loginError=invalid_response", response.Headers.Location!.OriginalString);
        AssertNoSessionCookies(browser);
    }

    [Fact]
    public async Task Callback_IssuerMissingWhileTheProviderAdvertisesIt_FailsWithInvalidResponse()
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var browser = bed.CreateBrowser();
        var login = await browser.NavigateAsync("/auth/login");
        var callback = await browser.AtProviderUntilCallbackAsync(login.Headers.Location!);
        var query = QueryHelpers.ParseQuery(callback.Query);

        var response = await browser.NavigateAsync($"/auth/callback?code={query["code"]}&state={query["state"]}");

        Assert.Equal("/?loginError=invalid_response", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Callback_NonceOtherThanTheLogins_FailsWithInvalidResponse()
    {
        await using var bed = await OidcTestBed.StartAsync(settings: WithoutPar);
        using var browser = bed.CreateBrowser();
        var login = await browser.NavigateAsync("/auth/login");
        var tampered = QueryHelpers.ParseQuery(login.Headers.Location!.Query).ToDictionary(pair => pair.Key, pair => (string?)pair.Value.ToString());
        tampered["nonce"] = "a-nonce-the-attacker-chose";
        var callback = await browser.AtProviderUntilCallbackAsync(new Uri(QueryHelpers.AddQueryString(bed.Provider.Authority + "/connect/authorize", tampered)));

        var response = await browser.NavigateAsync(callback.PathAndQuery);

        Assert.Equal("/?loginError=invalid_response", response.Headers.Location!.OriginalString);
        AssertNoSessionCookies(browser);
    }

    [Theory]
    [InlineData("access_denied", "access_denied")]
    [InlineData("login_required", "login_required")]
    [InlineData("consent_required", "consent_required")]
    [InlineData("interaction_required", "interaction_required")]
    [InlineData("account_selection_required", "account_selection_required")]
    [InlineData("temporarily_unavailable", "provider_error")]
    [InlineData("server_error", "provider_error")]
    public async Task Callback_ProviderSentAnError_RedirectsWithItsLoginError(string error, string loginError)
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var browser = bed.CreateBrowser();
        var login = await browser.NavigateAsync("/auth/login?returnUrl=/app%23section");
        var state = QueryHelpers.ParseQuery((await browser.AtProviderUntilCallbackAsync(login.Headers.Location!)).Query)["state"];

        var response = await browser.NavigateAsync($"/auth/callback?error={error}&state={state}&iss={Uri.EscapeDataString(bed.Provider.Issuer)}");

        Assert.Equal($"/app?loginError={loginError}#section", response.Headers.Location!.OriginalString);
        AssertNoSessionCookies(browser);
    }

    [Fact]
    public async Task Callback_PromptNoneWithoutAProviderSession_ComesBackWithLoginRequired()
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var browser = bed.CreateBrowser();
        var login = await browser.NavigateAsync("/auth/login?prompt=none");
        var callback = await browser.AtProviderUntilCallbackAsync(login.Headers.Location!);

        var response = await browser.NavigateAsync(callback.PathAndQuery);

        Assert.Equal("/?loginError=login_required", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Callback_CodeRefusedByTheTokenEndpoint_FailsWithProviderError()
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var browser = bed.CreateBrowser();
        var login = await browser.NavigateAsync("/auth/login");
        var query = QueryHelpers.ParseQuery((await browser.AtProviderUntilCallbackAsync(login.Headers.Location!)).Query);

        var response = await browser.NavigateAsync($"/auth/callback?code=not-the-code&state={query["state"]}&iss={Uri.EscapeDataString(query["iss"]!)}");

        Assert.Equal("/?loginError=provider_error", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Callback_TokenEndpointUnavailable_FailsWithProviderUnavailableAndKeepsAnExistingSession()
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var browser = await bed.SignedInBrowserAsync();
        var sessionId = await SessionIdAsync(browser);
        var login = await browser.NavigateAsync("/auth/login");
        var callback = await browser.AtProviderUntilCallbackAsync(login.Headers.Location!);
        bed.Provider.Faults.Settings = new FaultSettings { Token = EndpointFault.ServiceUnavailable };

        var response = await browser.NavigateAsync(callback.PathAndQuery);

        Assert.Equal("/?loginError=provider_unavailable", response.Headers.Location!.OriginalString);
        Assert.Equal(sessionId, await SessionIdAsync(browser));
    }

    [Fact]
    public async Task Callback_ProviderDownAfterTheLoginPage_FailsWithProviderUnavailable()
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var browser = bed.CreateBrowser();
        var login = await browser.NavigateAsync("/auth/login");
        var callback = await browser.AtProviderUntilCallbackAsync(login.Headers.Location!);
        await bed.Provider.StopAsync();

        var response = await browser.NavigateAsync(callback.PathAndQuery);

        Assert.Equal("/?loginError=provider_unavailable", response.Headers.Location!.OriginalString);
    }

    private static void AssertNoSessionCookies(OidcBrowser browser)
    {
        Assert.DoesNotContain(SessionCookieNames.SecureAccess, browser.Gateway.Cookies.Keys);
        Assert.DoesNotContain(SessionCookieNames.SecureRefresh, browser.Gateway.Cookies.Keys);
        Assert.DoesNotContain(browser.Gateway.Cookies.Keys, name => name.StartsWith("__Host-gateway.login.", StringComparison.Ordinal));
    }

    private static async Task<string> SessionIdAsync(OidcBrowser browser) =>
        (await (await browser.Gateway.GetAsync("/auth/session")).ReadJsonAsync<JsonElement>()).GetProperty("sessionId").GetString()!;
}
