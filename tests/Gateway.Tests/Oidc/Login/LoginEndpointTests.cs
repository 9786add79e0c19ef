using System.Net;
using Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using SampleIdentityProvider.Configuration;
using SampleIdentityProvider.Faults;

namespace Gateway.Tests.Oidc.Login;

/// <summary>CONTRACT-OIDC.md, <c>GET /auth/login</c>, against the sample provider (a real OpenIddict server).</summary>
public sealed class LoginEndpointTests
{
    private static readonly Dictionary<string, string?> WithoutPar = new() { ["Gateway:Authentication:Oidc:PushedAuthorizationBehavior"] = "Disable" };

    [Fact]
    public async Task Login_WithoutPar_RedirectsToTheAuthorizationEndpointWithACodeFlowRequest()
    {
        await using var bed = await OidcTestBed.StartAsync(settings: WithoutPar);
        using var browser = bed.CreateBrowser();

        var response = await browser.NavigateAsync("/auth/login?returnUrl=/orders&prompt=login");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var location = response.Headers.Location!;
        Assert.StartsWith(bed.Provider.Authority + "/connect/authorize?", location.AbsoluteUri, StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal(bed.Provider.ClientId, query["client_id"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("http://localhost/auth/callback", query["redirect_uri"]);
        Assert.Equal(["openid", "profile", "offline_access"], query["scope"].ToString().Split(' '));
        Assert.False(string.IsNullOrEmpty(query["state"]));
        Assert.False(string.IsNullOrEmpty(query["nonce"]));
        Assert.Equal(43, query["code_challenge"].ToString().Length);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal("login", query["prompt"]);
        Assert.False(query.ContainsKey("response_mode"));
        Assert.False(query.ContainsKey("request_uri"));
    }

    [Fact]
    public async Task Login_ProviderOffersPar_PushesTheRequestAndRedirectsWithRequestUriOnly()
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var browser = bed.CreateBrowser();

        var response = await browser.NavigateAsync("/auth/login");

        var query = QueryHelpers.ParseQuery(response.Headers.Location!.Query);
        Assert.Equal(new[] { bed.Provider.ClientId }, query["client_id"].ToArray());
        Assert.StartsWith("urn:ietf:params:oauth:request_uri:", query["request_uri"].ToString(), StringComparison.Ordinal);
        Assert.Equal(2, query.Count);
        var pushed = Assert.Single(bed.Provider.Recorder.PushedAuthorizationRequests);
        Assert.Equal("S256", pushed.Parameters["code_challenge_method"]);
        Assert.Equal("code", pushed.Parameters["response_type"]);
        Assert.False(pushed.Parameters.ContainsKey("response_mode"));
    }

    [Fact]
    public async Task Login_ParRequiredButNotOffered_Answers503WithoutFallingBack()
    {
        await using var bed = await OidcTestBed.StartAsync(
            settings: new() { ["Gateway:Authentication:Oidc:PushedAuthorizationBehavior"] = "Require" },
            provider: options => options.PushedAuthorization = PushedAuthorizationMode.Disabled);
        using var browser = bed.CreateBrowser();

        var response = await browser.NavigateAsync("/auth/login");

        await ProblemAssert.IsAsync(response, HttpStatusCode.ServiceUnavailable, "provider-unavailable");
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.DoesNotContain(browser.Gateway.LastSetCookies, cookie => cookie.Name.Value!.Contains("login", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Login_ProviderRequiresPar_IsPushedAndTheSignInCompletes()
    {
        await using var bed = await OidcTestBed.StartAsync(provider: options => options.PushedAuthorization = PushedAuthorizationMode.Required);
        using var browser = bed.CreateBrowser();

        var landing = await browser.SignInAsync();

        Assert.Equal("/", landing.Headers.Location!.OriginalString);
        Assert.Single(bed.Provider.Recorder.PushedAuthorizationRequests);
    }

    [Fact]
    public async Task Login_PushedRequestFails_Answers503WithoutFallingBack()
    {
        await using var bed = await OidcTestBed.StartAsync();
        bed.Provider.Faults.Settings = new FaultSettings { PushedAuthorization = EndpointFault.ServiceUnavailable };
        using var browser = bed.CreateBrowser();

        var response = await browser.NavigateAsync("/auth/login");

        await ProblemAssert.IsAsync(response, HttpStatusCode.ServiceUnavailable, "provider-unavailable");
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Login_SetsOneEncryptedLaxLoginStateCookieAndNothingElse()
    {
        await using var bed = await OidcTestBed.StartAsync(settings: new() { ["Gateway:Cookies:SameSite"] = "Strict" });
        using var browser = bed.CreateBrowser();

        await browser.NavigateAsync("/auth/login");

        var cookie = Assert.Single(browser.Gateway.LastSetCookies);
        Assert.StartsWith("__Host-gateway.login.", cookie.Name.Value, StringComparison.Ordinal);
        Assert.True(cookie.HttpOnly);
        Assert.True(cookie.Secure);
        Assert.Equal("/", cookie.Path.Value);
        Assert.Equal(Microsoft.Net.Http.Headers.SameSiteMode.Lax, cookie.SameSite);
        Assert.Equal(TimeSpan.FromMinutes(10), cookie.MaxAge);
        Assert.DoesNotContain("state", cookie.Value.Value, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Login_PlainCookies_LoginStateCookieHasNoHostPrefix()
    {
        await using var bed = await OidcTestBed.StartAsync(settings: new() { ["Gateway:Cookies:Secure"] = "false" });
        using var browser = bed.CreateBrowser();

        await browser.NavigateAsync("/auth/login");

        var cookie = Assert.Single(browser.Gateway.LastSetCookies);
        Assert.StartsWith("gateway.login.", cookie.Name.Value, StringComparison.Ordinal);
        Assert.False(cookie.Secure);
    }

    [Fact]
    public async Task Login_SixthLoginInOneBrowser_ClearsTheOldest()
    {
        await using var bed = await OidcTestBed.StartAsync(settings: WithoutPar);
        using var browser = bed.CreateBrowser();
        var names = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            await browser.NavigateAsync("/auth/login");
            names.Add(browser.Gateway.LastSetCookies.Single().Name.Value!);
            bed.Gateway.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        await browser.NavigateAsync("/auth/login");

        var loginCookies = browser.Gateway.Cookies.Keys.Where(name => name.StartsWith("__Host-gateway.login.", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, loginCookies.Count);
        Assert.DoesNotContain(names[0], loginCookies);
        Assert.All(names.Skip(1), name => Assert.Contains(name, loginCookies));
    }

    [Fact]
    public async Task Login_WithALiveSession_LeavesItAsItIs()
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var browser = await bed.SignedInBrowserAsync();
        var before = new Dictionary<string, string>(browser.Gateway.Cookies);

        await browser.NavigateAsync("/auth/login");

        Assert.All(before, cookie => Assert.Equal(cookie.Value, browser.Gateway.Cookies[cookie.Key]));
        Assert.Equal(HttpStatusCode.OK, (await browser.Gateway.GetAsync("/auth/session")).StatusCode);
    }

    [Theory]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("evil")]
    [InlineData("/%09/evil.example")]
    [InlineData("/%0d%0aSet-Cookie:x=y")]
    [InlineData("/%00")]
    [InlineData("%2F%2Fevil.example")]
    [InlineData("/%5Cevil.example")]
    public async Task Login_ReturnUrlThatIsNotALocalPath_Answers400(string returnUrl)
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var browser = bed.CreateBrowser();

        var response = await browser.NavigateAsync("/auth/login?returnUrl=" + returnUrl);

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "invalid-request");
        Assert.Empty(browser.Gateway.LastSetCookies);
    }

    [Fact]
    public async Task Login_ReturnUrlLongerThan2048Characters_Answers400()
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var browser = bed.CreateBrowser();

        var response = await browser.NavigateAsync("/auth/login?returnUrl=/" + new string('a', 2048));

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "invalid-request");
    }

    [Theory]
    [InlineData("prompt=create")]
    [InlineData("prompt=none%20login")]
    [InlineData("prompt=login&prompt=none")]
    public async Task Login_UnknownPrompt_Answers400(string query)
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var browser = bed.CreateBrowser();

        var response = await browser.NavigateAsync("/auth/login?" + query);

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "invalid-request");
    }

    [Fact]
    public async Task Login_CrossSiteNavigationWithoutCsrfHeader_IsAllowed()
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var browser = bed.CreateBrowser();

        var response = await browser.NavigateAsync("/auth/login", request =>
        {
            request.Headers.Add("Sec-Fetch-Site", "cross-site");
            request.Headers.Add("Origin", "https://elsewhere.example");
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Login_ProviderDownAtStart_Answers503UntilItIsBack()
    {
        await using var bed = await OidcTestBed.StartAsync();
        await bed.Provider.StopAsync();
        using var browser = bed.CreateBrowser();

        var whileDown = await browser.NavigateAsync("/auth/login");
        await bed.Provider.RestartAsync();
        var afterwards = await browser.NavigateAsync("/auth/login");

        await ProblemAssert.IsAsync(whileDown, HttpStatusCode.ServiceUnavailable, "provider-unavailable");
        Assert.Equal("5", whileDown.Headers.RetryAfter!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, afterwards.StatusCode);
    }

    [Fact]
    public async Task Login_MetadataNamesAnotherIssuer_Answers503()
    {
        await using var bed = await OidcTestBed.StartAsync(provider: options => options.Issuer = "http://issuer.example/");
        using var browser = bed.CreateBrowser();

        var response = await browser.NavigateAsync("/auth/login");

        await ProblemAssert.IsAsync(response, HttpStatusCode.ServiceUnavailable, "provider-unavailable");
    }

    [Fact]
    public async Task Login_AuthorityWithATrailingSlash_MatchesTheIssuer()
    {
        await using var bed = await OidcTestBed.StartAsync();
        var gateway = bed.AddGateway(new() { ["Gateway:Authentication:Oidc:Authority"] = bed.Provider.Authority + "/" }, databasePath: TestDatabase.NewPath());
        using var browser = bed.CreateBrowser(gateway);

        var landing = await browser.SignInAsync();

        Assert.Equal("/", landing.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Login_LocalLoginAndPasswordChange_Answer404InOidcMode()
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var browser = bed.CreateBrowser();

        var login = await browser.Gateway.LoginAsync("alice", "alice-demo-password");
        var password = await browser.Gateway.PostAsync("/auth/password", new { currentPassword = "x", newPassword = "y" });
        var frontChannel = await browser.NavigateAsync("/signout-oidc");

        await ProblemAssert.IsAsync(login, HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsAsync(password, HttpStatusCode.NotFound, "not-found");
        Assert.Equal(HttpStatusCode.NotFound, frontChannel.StatusCode);
    }
}
