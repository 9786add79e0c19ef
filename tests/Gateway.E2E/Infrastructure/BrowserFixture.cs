using Microsoft.Playwright;

namespace Gateway.E2E.Infrastructure;

/// <summary>
/// One headless Chromium for the whole run: Debian's <c>/usr/bin/chromium</c> (installed by <c>.ci/run</c>), driven
/// by Playwright's bundled driver; nothing is downloaded. Each test opens its own contexts (its own cookie jars).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string DefaultChromium = "/usr/bin/chromium";

    // The machine has no network beyond loopback: without these Chromium keeps trying to reach its services.
    private static readonly string[] Flags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go: under the test output folder.</summary>
    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("GATEWAY_E2E_CHROMIUM") ?? DefaultChromium;
        if (!File.Exists(chromium))
        {
            throw new FileNotFoundException(
                $"The end-to-end tests need Chromium at {chromium}: `apt-get install chromium` (what .ci/run does), or set GATEWAY_E2E_CHROMIUM.");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = Flags,
        });

        // Generous: the unit tests may be running beside these on the same two cores.
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    /// <summary>A fresh browser profile (another device), pointed at <paramref name="baseUrl"/>.</summary>
    public async Task<IBrowserContext> NewContextAsync(string baseUrl, string? userAgent = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            UserAgent = userAgent,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(20_000);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
