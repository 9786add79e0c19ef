using System.Net;

namespace Gateway.Tests.Infrastructure;

/// <summary>Sign-in attempts from a given client address (gateways registered with <see cref="ClientAddress"/>).</summary>
internal static class ClientLogin
{
    public static Task<HttpResponseMessage> LoginFromAsync(this BrowserClient browser, string address, string userName, string password) =>
        browser.SendAsync(HttpMethod.Post, "/auth/login", new { username = userName, password }, ClientAddress.From(address));

    /// <summary><paramref name="count"/> wrong passwords sent all at once, each from a browser of its own; their statuses.</summary>
    public static async Task<IReadOnlyList<HttpStatusCode>> GuessInParallelAsync(GatewayFactory gateway, string address, string userName, int count)
    {
        var browsers = Enumerable.Range(0, count).Select(_ => gateway.CreateBrowser()).ToList();
        using var start = new SemaphoreSlim(0);
        var guesses = browsers.Select(async (browser, i) =>
        {
            await start.WaitAsync();
            return (await browser.LoginFromAsync(address, userName, $"wrong guess number {i}")).StatusCode;
        }).ToList();
        start.Release(count);
        var statuses = await Task.WhenAll(guesses);
        browsers.ForEach(browser => browser.Dispose());
        return statuses;
    }
}
