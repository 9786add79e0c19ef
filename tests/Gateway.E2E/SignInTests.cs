using System.Text.RegularExpressions;
using Gateway.E2E.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Gateway.E2E;

/// <summary>Signing in through the demo's form in a real Chromium, on the gateway's default cookie settings.</summary>
[Collection(BrowserSuite.Name)]
public sealed partial class SignInTests(BrowserFixture browser, LiveGateway gateway, ITestOutputHelper output) : IAsyncLifetime
{
    private IBrowserContext _context = null!;

    public async Task InitializeAsync() => _context = await browser.NewContextAsync(gateway.Url);

    public async Task DisposeAsync()
    {
        await _context.CloseAsync();
        output.WriteLine(gateway.Logs);
    }

    [Fact]
    public async Task SignInForm_DefaultCookieSettingsOnLocalhost_SignsInWithSecureHostOnlyStrictCookies()
    {
        var user = await gateway.CreateUserAsync("sign-in");
        var page = await DemoPage.OpenAsync(_context);

        await page.SignInAsync(user, LiveGateway.Password);
        await page.CallApiAsync();

        await Expect(page.ApiAnswer).ToContainTextAsync($"\"name\": \"{user}\"");
        var cookies = await _context.CookiesAsync();
        Assert.Equal(["__Host-gw-access", "__Host-gw-refresh"], cookies.Select(cookie => cookie.Name).Order());
        Assert.All(cookies, cookie =>
        {
            Assert.True(cookie.Secure);
            Assert.True(cookie.HttpOnly);
            Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
            Assert.Equal("/", cookie.Path);
            Assert.Equal("localhost", cookie.Domain);
        });
        await Screenshots.SaveAsync(page.Page, "signed-in.png", output);
    }

    [Fact]
    public async Task WholeSession_DocumentCookieAndEveryResponseBody_CarryNoToken()
    {
        var user = await gateway.CreateUserAsync("exposure");
        var answers = new List<Task<(string Url, string Body)>>();
        _context.Response += (_, response) =>
        {
            lock (answers)
            {
                answers.Add(ReadAsync(response));
            }
        };
        var page = await DemoPage.OpenAsync(_context);

        await page.SignInAsync(user, LiveGateway.Password);
        var cookieValues = (await _context.CookiesAsync()).Select(cookie => cookie.Value).ToList();
        await page.CallApiAsync();
        await page.Page.ReloadAsync();
        await Expect(page.SignedInAs).ToHaveTextAsync(user);
        cookieValues.AddRange((await _context.CookiesAsync()).Select(cookie => cookie.Value));
        var documentCookie = await page.Page.EvaluateAsync<string>("document.cookie");

        Assert.Equal("", documentCookie);
        var seen = await Task.WhenAll(Snapshot(answers));
        Assert.Contains(seen, answer => answer.Url.EndsWith("/api/me", StringComparison.Ordinal) && answer.Body.Contains(user, StringComparison.Ordinal));
        Assert.Contains(seen, answer => answer.Url.EndsWith("/auth/session", StringComparison.Ordinal));
        Assert.All(seen, answer =>
        {
            Assert.DoesNotMatch(Jwt(), answer.Body);
            Assert.DoesNotContain("CfDJ8", answer.Body, StringComparison.Ordinal);
            Assert.DoesNotContain(LiveGateway.Password, answer.Body, StringComparison.Ordinal);
            Assert.All(cookieValues, value => Assert.DoesNotContain(value, answer.Body, StringComparison.Ordinal));
        });
    }

    [Fact]
    public async Task DemoApp_UnderItsContentSecurityPolicy_RunsWithoutAViolation()
    {
        var user = await gateway.CreateUserAsync("policy");
        await _context.AddInitScriptAsync(
            "window.__violations = []; document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective));");
        var page = await DemoPage.OpenAsync(_context);

        await page.SignInAsync(user, LiveGateway.Password);
        await page.CallApiAsync();

        Assert.Empty(await page.Page.EvaluateAsync<string[]>("window.__violations"));
    }

    private static async Task<(string Url, string Body)> ReadAsync(IResponse response)
    {
        try
        {
            return (response.Url, await response.TextAsync());
        }
        catch (PlaywrightException)
        {
            // Redirects and aborted loads have no body to read.
            return (response.Url, "");
        }
    }

    private static Task<(string Url, string Body)>[] Snapshot(List<Task<(string Url, string Body)>> answers)
    {
        lock (answers)
        {
            return [.. answers];
        }
    }

    // A compact JWS: base64url of '{"' twice (header, payload), dot-separated.
    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+")]
    private static partial Regex Jwt();
}
