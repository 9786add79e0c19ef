using System.Net;
using System.Text;
using System.Text.Json;
using Gateway.Storage;
using Gateway.Tests.Infrastructure;
using Microsoft.Net.Http.Headers;

namespace Gateway.Tests.Sessions.Endpoints;

public abstract class LoginEndpointTests : ProviderTests
{
    private protected LoginEndpointTests(StorageProvider provider)
        : base(provider)
    {
    }

    [Fact]
    public async Task Login_ValidCredentials_SetsHostPrefixedHttpOnlyStrictCookies()
    {
        await using var gateway = NewGateway();
        await gateway.CreateUserAsync("alice");
        using var browser = gateway.CreateBrowser();

        var response = await browser.LoginAsync("alice", GatewayFactory.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["__Host-gw-access", "__Host-gw-refresh"], browser.LastSetCookies.Select(c => c.Name.ToString()).Order());
        Assert.All(browser.LastSetCookies, cookie =>
        {
            Assert.True(cookie.HttpOnly);
            Assert.True(cookie.Secure);
            Assert.Equal("/", cookie.Path.ToString());
            Assert.Equal(SameSiteMode.Strict, cookie.SameSite);
            Assert.True(cookie.Domain.Length == 0);
        });
    }

    // The session's times are stored as Unix milliseconds: every answer about one session shows the same instant.
    [Fact]
    public async Task Login_SessionBodyTimes_AreTheInstantsSessionAnswersGive()
    {
        await using var gateway = new GatewayFactory();
        await gateway.CreateUserAsync("alice");
        using var browser = gateway.CreateBrowser();

        var login = await (await browser.LoginAsync("alice", GatewayFactory.Password)).ReadJsonAsync<JsonElement>();
        var session = await (await browser.GetAsync("/auth/session")).ReadJsonAsync<JsonElement>();

        Assert.Equal(session.GetProperty("sessionExpiresAt").GetString(), login.GetProperty("sessionExpiresAt").GetString());
        Assert.Equal(session.GetProperty("accessTokenExpiresAt").GetString(), login.GetProperty("accessTokenExpiresAt").GetString());
    }

    [Fact]
    public async Task Refresh_SessionBodyTimes_AreTheInstantsSessionAnswersGive()
    {
        await using var gateway = new GatewayFactory();
        using var browser = await gateway.SignedInBrowserAsync();
        gateway.Clock.Advance(TimeSpan.FromMilliseconds(1234.5678));

        var refresh = await (await browser.PostAsync("/auth/refresh")).ReadJsonAsync<JsonElement>();
        var session = await (await browser.GetAsync("/auth/session")).ReadJsonAsync<JsonElement>();

        Assert.Equal(session.GetProperty("sessionExpiresAt").GetString(), refresh.GetProperty("sessionExpiresAt").GetString());
        Assert.Equal(session.GetProperty("accessTokenExpiresAt").GetString(), refresh.GetProperty("accessTokenExpiresAt").GetString());
    }

    // Browsers drop a cookie over 4,096 characters, and then every request would rotate. Worst case: the longest
    // user name, the most roles of the longest names, a realistic issuer.
    [Fact]
    public async Task Login_TwentyRolesOfSixtyFourCharacters_AccessCookieStaysUnder4096Characters()
    {
        await using var gateway = new GatewayFactory(settings: new() { ["Gateway:Tokens:Issuer"] = "https://login.gateway-of-example-company.com" });
        var userName = new string('u', 64);
        var roles = Enumerable.Range(0, 20).Select(index => $"{index:D2}" + new string('r', 62)).ToArray();
        await gateway.CreateUserAsync(userName, GatewayFactory.Password, roles);
        using var browser = gateway.CreateBrowser();

        var response = await browser.LoginAsync(userName, GatewayFactory.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var accessLine = response.Headers.GetValues("Set-Cookie").Single(line => line.StartsWith(gateway.AccessCookieName + "=", StringComparison.Ordinal));
        Assert.True(accessLine.Length < 4096, $"the access cookie's Set-Cookie line has {accessLine.Length} characters");
    }

    [Fact]
    public async Task Login_ValidCredentials_AnswersSessionBodyWithoutAnyToken()
    {
        await using var gateway = NewGateway();
        var alice = await gateway.CreateUserAsync("alice", GatewayFactory.Password, "admin", "user");
        using var browser = gateway.CreateBrowser();

        var response = await browser.LoginAsync("alice", GatewayFactory.Password);
        var body = await response.Content.ReadAsStringAsync();

        using var json = JsonDocument.Parse(body);
        Assert.Equal(alice.Id, json.RootElement.GetProperty("user").GetProperty("id").GetString());
        Assert.Equal("alice", json.RootElement.GetProperty("user").GetProperty("name").GetString());
        Assert.Equal(["admin", "user"], json.RootElement.GetProperty("user").GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("sessionId").GetString()));
        Assert.EndsWith("Z", json.RootElement.GetProperty("accessTokenExpiresAt").GetString());
        Assert.EndsWith("Z", json.RootElement.GetProperty("sessionExpiresAt").GetString());
        Assert.DoesNotContain("eyJ", body, StringComparison.Ordinal);
        Assert.DoesNotContain(browser.Cookies["__Host-gw-refresh"], body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_WrongPasswordAndUnknownUser_AnswerTheSameStatusAndBody()
    {
        await using var gateway = NewGateway();
        await gateway.CreateUserAsync("alice");
        using var browser = gateway.CreateBrowser();

        var wrongPassword = await browser.LoginAsync("alice", "not the password");
        var unknownUser = await browser.LoginAsync("mallory", "not the password");

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownUser.StatusCode);
        Assert.Equal("application/problem+json", wrongPassword.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await wrongPassword.Content.ReadAsStringAsync(), await unknownUser.Content.ReadAsStringAsync());
        Assert.Empty(browser.Cookies);
    }

    [Fact]
    public async Task Login_UserNameInAnotherCase_SignsIn()
    {
        await using var gateway = NewGateway();
        await gateway.CreateUserAsync("Alice");
        using var browser = gateway.CreateBrowser();

        var response = await browser.LoginAsync("aLICE", GatewayFactory.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"username\":\"alice\"}")]
    [InlineData("{\"username\":\"\",\"password\":\"x\"}")]
    [InlineData("{\"username\":42,\"password\":\"x\"}")]
    [InlineData("{\"username\":\"al ice\",\"password\":\"correct horse battery\"}")]
    [InlineData("null")]
    public async Task Login_MalformedBody_Answers400Problem(string body)
    {
        await using var gateway = NewGateway();
        using var browser = gateway.CreateBrowser();

        var response = await browser.SendAsync(HttpMethod.Post, "/auth/login", null,
            request => request.Content = new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Login_FormEncodedBody_Answers415Problem()
    {
        await using var gateway = NewGateway();
        using var browser = gateway.CreateBrowser();

        var response = await browser.SendAsync(HttpMethod.Post, "/auth/login", null,
            request => request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "alice", ["password"] = "x" }));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Login_HugeBody_Answers413Problem()
    {
        await using var gateway = NewGateway();
        using var browser = gateway.CreateBrowser();
        var huge = "{\"username\":\"alice\",\"password\":\"" + new string('x', 1_000_000) + "\"}";

        var response = await browser.SendAsync(HttpMethod.Post, "/auth/login", null,
            request => request.Content = new StringContent(huge, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Login_WithoutCsrfHeader_Answers403AndStartsNoSession()
    {
        await using var gateway = NewGateway();
        await gateway.CreateUserAsync("alice");
        using var browser = gateway.CreateBrowser();
        browser.SendCsrfHeader = false;

        var response = await browser.LoginAsync("alice", GatewayFactory.Password);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(browser.Cookies);
        Assert.Equal(0, await gateway.WithDbAsync(db => Task.FromResult(db.Set<Gateway.Sessions.Session>().Count())));
    }

    [Fact]
    public async Task Login_WithLiveSessionCookies_EndsThatSessionAndStartsANewOne()
    {
        await using var gateway = NewGateway();
        using var browser = await gateway.SignedInBrowserAsync("alice");
        var firstSession = (await (await browser.GetAsync("/auth/session")).ReadJsonAsync<JsonElement>()).GetProperty("sessionId").GetString();
        using var copy = browser.CloneInto(gateway.CreateBrowser());

        var second = await browser.LoginAsync("alice", GatewayFactory.Password);
        var copyAfter = await copy.GetAsync("/auth/session");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.NotEqual(firstSession, (await second.ReadJsonAsync<JsonElement>()).GetProperty("sessionId").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, copyAfter.StatusCode);
    }

    [Fact]
    public async Task Login_NonSecureCookieSetting_UsesPlainNamesWithoutSecure()
    {
        await using var gateway = NewGateway(settings: new() { ["Gateway:Cookies:Secure"] = "false", ["Gateway:Cookies:SameSite"] = "Lax" });
        await gateway.CreateUserAsync("alice");
        using var browser = gateway.CreateBrowser();

        await browser.LoginAsync("alice", GatewayFactory.Password);

        Assert.Equal(["gw-access", "gw-refresh"], browser.LastSetCookies.Select(c => c.Name.ToString()).Order());
        Assert.All(browser.LastSetCookies, cookie =>
        {
            Assert.False(cookie.Secure);
            Assert.True(cookie.HttpOnly);
            Assert.Equal(SameSiteMode.Lax, cookie.SameSite);
        });
    }

    public sealed class OnSqlite() : LoginEndpointTests(StorageProvider.Sqlite);

    public sealed class OnPostgres() : LoginEndpointTests(StorageProvider.Postgres);
}
