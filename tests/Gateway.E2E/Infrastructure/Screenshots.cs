using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Gateway.E2E.Infrastructure;

/// <summary>Screenshots under the test output folder, their paths written to the test's output.</summary>
internal static class Screenshots
{
    public static async Task SaveAsync(IPage page, string fileName, ITestOutputHelper output)
    {
        var path = Path.Combine(BrowserFixture.ScreenshotFolder, fileName);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
    }

    public static async Task SaveAsync(ILocator element, string fileName, ITestOutputHelper output)
    {
        var path = Path.Combine(BrowserFixture.ScreenshotFolder, fileName);
        await element.ScreenshotAsync(new LocatorScreenshotOptions { Path = path });
        output.WriteLine($"screenshot: {path}");
    }
}
