using Gateway.E2E.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Gateway.E2E;

/// <summary>
/// A page on another site (<c>http://127.0.0.1:port</c>, while the gateway is <c>http://localhost:port</c>) open in
/// the same browser as a signed-in user: every credentialed way it can call the gateway is refused, and nothing
/// reaches a downstream.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class CrossSiteTests(BrowserFixture browser, LiveGateway gateway, ITestOutputHelper output) : IAsyncLifetime
{
    // Run in the other site's page: plain, custom-header (needs a preflight), no-cors and form-like POST fetches.
    private const string Attempts = """
        async (targets) => {
          const attempt = async (url, init) => {
            try {
              const response = await fetch(url, { credentials: 'include', ...init });
              return response.type === 'opaque' ? 'opaque' : String(response.status);
            } catch {
              return 'failed';
            }
          };
          const results = [];
          for (const url of targets) {
            results.push(await attempt(url, {}));
            results.push(await attempt(url, { headers: { 'X-CSRF': '1' } }));
            results.push(await attempt(url, { mode: 'no-cors' }));
            results.push(await attempt(url, { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: 'x' }));
          }
          return results;
        }
        """;

    private IBrowserContext _context = null!;
    private LoopbackSite _otherSite = null!;

    public async Task InitializeAsync()
    {
        _context = await browser.NewContextAsync(gateway.Url);
        _otherSite = await LoopbackSite.StartAsync("<!doctype html><title>Another site</title><p>Nothing to see.</p>", "text/html");
    }

    public async Task DisposeAsync()
    {
        await _context.CloseAsync();
        await _otherSite.DisposeAsync();
        output.WriteLine(gateway.Logs);
    }

    [Fact]
    public async Task OtherSitesPage_CredentialedFetchesToTheGateway_AreRefusedAndNothingIsForwarded()
    {
        var user = await gateway.CreateUserAsync("cross-site");
        var app = await DemoPage.OpenAsync(_context);
        await app.SignInAsync(user, LiveGateway.Password);
        // The session is live and the spy route forwards for the gateway's own page.
        Assert.Equal(200, await app.Page.EvaluateAsync<int>("fetch('/spy/me', { headers: { 'X-CSRF': '1' } }).then(r => r.status)"));
        var forwardedBefore = gateway.Spy.Requests;
        var other = await _context.NewPageAsync();
        var gatewayAnswers = new List<int>();
        other.Response += (_, response) =>
        {
            if (response.Url.StartsWith(gateway.Url, StringComparison.Ordinal))
            {
                lock (gatewayAnswers)
                {
                    gatewayAnswers.Add(response.Status);
                }
            }
        };
        await other.GotoAsync(_otherSite.Origin + "/");

        var results = await other.EvaluateAsync<string[]>(Attempts, new[] { $"{gateway.Url}/api/me", $"{gateway.Url}/spy/me" });

        output.WriteLine($"in the page: {string.Join(", ", results)}; at the gateway: {string.Join(", ", gatewayAnswers)}");
        Assert.Equal(8, results.Length);
        Assert.All(results, result => Assert.Contains(result, new[] { "401", "403", "failed", "opaque" }));
        Assert.NotEmpty(gatewayAnswers);
        Assert.All(gatewayAnswers, status => Assert.Contains(status, new[] { 401, 403 }));
        Assert.Equal(forwardedBefore, gateway.Spy.Requests);
    }
}
