using Gateway.E2E.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Gateway.E2E;

/// <summary>With 2-second access tokens, a call after the token expired goes through without signing in again.</summary>
[Collection(BrowserSuite.Name)]
public sealed class TransparentRefreshTests(BrowserFixture browser, ShortTokenLiveGateway gateway, ITestOutputHelper output)
    : IClassFixture<ShortTokenLiveGateway>, IAsyncLifetime
{
    private IBrowserContext _context = null!;

    public async Task InitializeAsync() => _context = await browser.NewContextAsync(gateway.Url);

    public async Task DisposeAsync()
    {
        await _context.CloseAsync();
        output.WriteLine(gateway.Logs);
    }

    [Fact]
    public async Task ApiCall_AfterTheAccessTokenExpired_WorksWithoutSigningInAgain()
    {
        var user = await gateway.CreateUserAsync("refresh");
        var page = await DemoPage.OpenAsync(_context);
        await page.SignInAsync(user, LiveGateway.Password);
        var refreshCookie = await RefreshCookieAsync();

        // The one real wait of the suite: the page's own countdown reaching zero (about 2 s, bounded).
        await Expect(page.Countdown).ToContainTextAsync("expired", new() { Timeout = 15_000 });
        await page.CallApiAsync();

        await Expect(page.ApiAnswer).ToContainTextAsync($"\"name\": \"{user}\"");
        await Expect(page.SignInForm).ToBeHiddenAsync();
        await Expect(page.RefreshesSeen).Not.ToHaveTextAsync("0");
        Assert.NotEqual(refreshCookie, await RefreshCookieAsync());
    }

    private async Task<string> RefreshCookieAsync() =>
        (await _context.CookiesAsync()).Single(cookie => cookie.Name == "__Host-gw-refresh").Value;
}
