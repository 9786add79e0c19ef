using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gateway.E2E.Infrastructure;

/// <summary>The demo app as a user sees it: found by labels, roles and visible text, as a person would find it.</summary>
internal sealed class DemoPage(IPage page)
{
    public IPage Page => page;

    public ILocator SignInForm => page.GetByRole(AriaRole.Region, new() { Name = "Sign in" });

    public ILocator SignInMessage => SignInForm.GetByRole(AriaRole.Alert);

    public ILocator SignedInAs => page.Locator("#who-name");

    public ILocator Countdown => page.Locator("#countdown");

    public ILocator RefreshesSeen => page.Locator("#refreshes");

    public ILocator ApiAnswer => page.GetByLabel("API answer");

    public ILocator DeviceSection => page.GetByRole(AriaRole.Region, new() { Name = "Your devices" });

    public ILocator Devices => DeviceSection.GetByRole(AriaRole.Listitem);

    public static async Task<DemoPage> OpenAsync(IBrowserContext context)
    {
        var page = new DemoPage(await context.NewPageAsync());
        await page.Page.GotoAsync("/");
        await Expect(page.SignInForm).ToBeVisibleAsync();
        return page;
    }

    public async Task SignInAsync(string userName, string password)
    {
        await SignInForm.GetByLabel("User name").FillAsync(userName);
        await SignInForm.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await SignInForm.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(SignedInAs).ToHaveTextAsync(userName);
    }

    /// <summary>Clicks the API button and waits for the answer (or for the page to give up).</summary>
    public async Task CallApiAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Call /api/me" }).ClickAsync();
        await Expect(ApiAnswer).Not.ToHaveTextAsync("Calling…");
    }
}
