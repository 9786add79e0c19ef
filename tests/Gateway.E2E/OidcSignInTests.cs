using Gateway.E2E.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Gateway.E2E;

/// <summary>
/// OpenID Connect mode in a real Chromium: the demo's sign-in button, the sample provider's login page on another
/// site (127.0.0.1 against the gateway's localhost), the API, a refresh of the provider's token, and logout through
/// the provider.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class OidcSignInTests(BrowserFixture browser, OidcLiveGateway gateway, ITestOutputHelper output) : IAsyncLifetime, IClassFixture<OidcLiveGateway>
{
    private IBrowserContext _context = null!;

    public async Task InitializeAsync() => _context = await browser.NewContextAsync(gateway.Url);

    public async Task DisposeAsync()
    {
        await _context.CloseAsync();
        output.WriteLine(gateway.Logs);
    }

    [Fact]
    public async Task SignInAtTheProviderOnAnotherSite_CallTheApi_RefreshAtTheProvider_LogOutThroughTheProvider()
    {
        var page = await _context.NewPageAsync();
        await page.GotoAsync("/");
        var signIn = page.GetByRole(AriaRole.Button, new() { Name = "Sign in with your identity provider" });
        await Expect(signIn).ToBeVisibleAsync();

        // Sign in: the provider's page is on 127.0.0.1; its redirect back to localhost is a cross-site navigation
        // that carries the Lax login-state cookie (a Strict one would not come back).
        await signIn.ClickAsync();
        await page.WaitForURLAsync($"{gateway.ProviderUrl}/account/login**");
        await page.GetByLabel("User name").FillAsync("alice");
        await page.GetByLabel("Password").FillAsync("alice-demo-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync($"{gateway.Url}/");
        await Expect(page.Locator("#who-name")).ToHaveTextAsync("Alice Liddell");
        var cookies = await _context.CookiesAsync([gateway.Url]);
        Assert.Equal(["__Host-gw-access", "__Host-gw-refresh"], cookies.Select(cookie => cookie.Name).Order());

        // The API through the gateway (the gateway's own token), and a route that forwards the provider's token.
        await page.GetByRole(AriaRole.Button, new() { Name = "Call /api/me" }).ClickAsync();
        await Expect(page.GetByLabel("API answer")).ToContainTextAsync("\"name\": \"Alice Liddell\"");
        Assert.Equal(200, await FetchAsync(page, "/spy/orders"));
        Assert.DoesNotContain(await gateway.TokenRequestsAsync(), request => request.GrantType == "refresh_token");
        await Screenshots.SaveAsync(page, "oidc-signed-in.png", output);

        // The provider's token is refreshed once it is within half its lifetime of expiring: wait for that, bounded.
        await Task.Delay(OidcLiveGateway.ProviderTokenLifetime / 2 + TimeSpan.FromSeconds(1));
        Assert.Equal(200, await FetchAsync(page, "/spy/orders"));
        Assert.Equal(200, await FetchAsync(page, "/spy/orders"));
        var refreshes = (await gateway.TokenRequestsAsync()).Where(request => request.GrantType == "refresh_token").ToList();
        Assert.True(Assert.Single(refreshes).Succeeded);
        Assert.Equal(3, gateway.Spy.Requests);

        // Log out: the session ends at the gateway, then at the provider, and the browser comes back signed out.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await page.WaitForURLAsync($"{gateway.Url}/");
        await Expect(signIn).ToBeVisibleAsync();
        Assert.Empty(await _context.CookiesAsync([gateway.Url]));

        // The provider's session is over too: signing in again asks for the password. (A longer wait than the
        // default: the click waits for the redirect chain through the gateway and the provider, slow on a loaded machine.)
        await signIn.ClickAsync(new() { Timeout = 60_000 });
        await page.WaitForURLAsync($"{gateway.ProviderUrl}/account/login**", new() { Timeout = 60_000 });
    }

    [Fact]
    public async Task ProviderRefusesTheSignIn_TheAppSaysSoInWords()
    {
        var page = await _context.NewPageAsync();

        await page.GotoAsync("/?loginError=access_denied");

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The sign-in was cancelled or refused at the identity provider.");
        Assert.Equal($"{gateway.Url}/", page.Url);
    }

    private static Task<int> FetchAsync(IPage page, string path) =>
        page.EvaluateAsync<int>("async path => (await fetch(path, { headers: { 'X-CSRF': '1' } })).status", path);
}
