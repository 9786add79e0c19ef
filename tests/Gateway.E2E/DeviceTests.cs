using Gateway.E2E.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Gateway.E2E;

/// <summary>Two browser contexts as two devices of one user: the device list, revocation, password change, sign-out.</summary>
[Collection(BrowserSuite.Name)]
public sealed class DeviceTests(BrowserFixture browser, LiveGateway gateway, ITestOutputHelper output) : IAsyncLifetime
{
    private const string PhoneUserAgent = "Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0";
    private const string PhoneName = "Firefox on Android";

    private IBrowserContext _laptop = null!;
    private IBrowserContext _phone = null!;

    public async Task InitializeAsync()
    {
        _laptop = await browser.NewContextAsync(gateway.Url);
        _phone = await browser.NewContextAsync(gateway.Url, PhoneUserAgent);
    }

    public async Task DisposeAsync()
    {
        await _laptop.CloseAsync();
        await _phone.CloseAsync();
        output.WriteLine(gateway.Logs);
    }

    [Fact]
    public async Task DeviceList_SecondDeviceRevokedFromTheFirst_AppearsThenItsNextCallShowsTheSignInForm()
    {
        var (laptop, phone) = await SignInOnBothAsync("devices");

        await laptop.Page.ReloadAsync();
        await Expect(laptop.Devices).ToHaveCountAsync(2);
        await Expect(laptop.Devices.Filter(new() { HasText = "This device" })).ToHaveCountAsync(1);
        var phoneEntry = laptop.Devices.Filter(new() { HasText = PhoneName });
        await Expect(phoneEntry).Not.ToContainTextAsync("This device");
        await laptop.CallApiAsync();
        await Screenshots.SaveAsync(laptop.DeviceSection, "devices.png", output);
        await Screenshots.SaveAsync(laptop.Page, "signed-in-two-devices.png", output);
        await phoneEntry.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(laptop.Devices).ToHaveCountAsync(1);
        await phone.CallApiAsync();

        await Expect(phone.SignInForm).ToBeVisibleAsync();
        await Expect(phone.SignInMessage).ToHaveTextAsync("Your session has ended. Please sign in again.");
    }

    [Fact]
    public async Task SignOutEverywhereElse_Clicked_LeavesThisDeviceSignedInAndTheOtherOut()
    {
        var (laptop, phone) = await SignInOnBothAsync("elsewhere");
        await laptop.Page.ReloadAsync();
        await Expect(laptop.Devices).ToHaveCountAsync(2);

        await laptop.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere else" }).ClickAsync();
        await Expect(laptop.Devices).ToHaveCountAsync(1);
        await phone.CallApiAsync();
        await laptop.CallApiAsync();

        await Expect(phone.SignInForm).ToBeVisibleAsync();
        await Expect(laptop.ApiAnswer).ToContainTextAsync("\"name\"");
    }

    [Fact]
    public async Task ChangePassword_FromTheForm_SignsTheOtherDeviceOutAndTheNewPasswordWorks()
    {
        const string NewPassword = "a brand new e2e passphrase";
        var (laptop, phone) = await SignInOnBothAsync("password");
        var user = await laptop.SignedInAs.TextContentAsync();

        await laptop.Page.GetByLabel("Current password").FillAsync(LiveGateway.Password);
        await laptop.Page.GetByLabel("New password").FillAsync(NewPassword);
        await laptop.Page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(laptop.Page.GetByText("Password changed.")).ToBeVisibleAsync();
        await phone.CallApiAsync();

        await Expect(phone.SignInForm).ToBeVisibleAsync();
        await phone.SignInAsync(user!, NewPassword);
    }

    [Fact]
    public async Task SignOut_Clicked_ShowsTheSignInFormAlsoAfterAReload()
    {
        var laptop = await SignedInAsync(_laptop, await gateway.CreateUserAsync("sign-out"));

        await laptop.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await Expect(laptop.SignInMessage).ToHaveTextAsync("You are signed out.");
        await laptop.Page.ReloadAsync();

        await Expect(laptop.SignInForm).ToBeVisibleAsync();
        Assert.Empty(await _laptop.CookiesAsync());
    }

    private async Task<(DemoPage Laptop, DemoPage Phone)> SignInOnBothAsync(string prefix)
    {
        var user = await gateway.CreateUserAsync(prefix);
        return (await SignedInAsync(_laptop, user), await SignedInAsync(_phone, user));
    }

    private static async Task<DemoPage> SignedInAsync(IBrowserContext device, string user)
    {
        var page = await DemoPage.OpenAsync(device);
        await page.SignInAsync(user, LiveGateway.Password);
        return page;
    }
}
