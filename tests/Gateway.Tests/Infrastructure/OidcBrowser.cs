using System.Net;
using Gateway.TestSupport;
using Microsoft.AspNetCore.WebUtilities;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// A browser that signs in through the sample provider: the gateway side is a <see cref="BrowserClient"/> (its cookie
/// jar), the provider side a real HTTP client with its own cookies. Navigations send no <c>X-CSRF</c>, as a browser's don't.
/// </summary>
internal sealed class OidcBrowser : IDisposable
{
    private readonly TestIdentityProvider _provider;

    public OidcBrowser(GatewayFactory gateway, TestIdentityProvider provider)
    {
        _provider = provider;
        Gateway = gateway.CreateBrowser();
        AtProvider = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(provider.Authority),
        };
    }

    /// <summary>The gateway side: its cookies and its calls (with <c>X-CSRF: 1</c>, as the app's).</summary>
    public BrowserClient Gateway { get; }

    public HttpClient AtProvider { get; }

    /// <summary>A top-level navigation to the gateway: no <c>X-CSRF</c>, the browser's cookies.</summary>
    public Task<HttpResponseMessage> NavigateAsync(string pathAndQuery, Action<HttpRequestMessage>? configure = null)
    {
        Gateway.SendCsrfHeader = false;
        try
        {
            return Gateway.GetAsync(pathAndQuery, configure);
        }
        finally
        {
            Gateway.SendCsrfHeader = true;
        }
    }

    /// <summary><c>GET /auth/login</c>, the provider's login form, and back: the gateway's answer to the callback.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string user = "alice", string query = "")
    {
        var login = await NavigateAsync("/auth/login" + query);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var callback = await AtProviderUntilCallbackAsync(login.Headers.Location!, user);
        return await NavigateAsync(callback.PathAndQuery);
    }

    /// <summary>Follows the provider's pages from <paramref name="location"/>, signing in on the way, up to the redirect back to the gateway.</summary>
    public async Task<Uri> AtProviderUntilCallbackAsync(Uri location, string user = "alice")
    {
        for (var hops = 0; hops < 6; hops++)
        {
            if (location.IsAbsoluteUri && location.Host == "localhost")
            {
                return location;
            }

            var target = new Uri(new Uri(_provider.Authority), location);
            var response = target.AbsolutePath == "/account/login"
                ? await AtProvider.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["username"] = user,
                    ["password"] = $"{user}-demo-password",
                    ["returnUrl"] = QueryHelpers.ParseQuery(target.Query)["returnUrl"].ToString(),
                }))
                : await AtProvider.GetAsync(target);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            location = response.Headers.Location!;
        }

        throw new InvalidOperationException("Too many redirects at the provider.");
    }

    public void Dispose()
    {
        Gateway.Dispose();
        AtProvider.Dispose();
    }
}
