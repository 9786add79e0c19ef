using System.Net;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Csrf;

/// <summary>
/// CONTRACT-OIDC.md: the four GET navigations of Oidc mode and the back-channel logout receiver are exempt from the
/// X-CSRF, Origin and Sec-Fetch-Site refusal; nothing else is (POST /auth/logout keeps the local-mode rules).
/// </summary>
public sealed class OidcNavigationCsrfTests
{
    [Theory]
    [InlineData("/auth/login")]
    [InlineData("/auth/callback?state=x")]
    [InlineData("/auth/logout/provider?ticket=x")]
    [InlineData("/auth/logout/callback")]
    public async Task Navigation_CrossSiteWithoutCsrfHeader_IsNotRefusedForCsrf(string path)
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var browser = bed.CreateBrowser();

        var response = await browser.NavigateAsync(path, CrossSite);

        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("POST", "/auth/logout")]
    [InlineData("GET", "/auth/session")]
    [InlineData("GET", "/auth/mode")]
    [InlineData("POST", "/auth/refresh")]
    public async Task OtherAuthEndpoints_CrossSite_AreRefusedAsInLocalMode(string method, string path)
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var browser = await bed.SignedInBrowserAsync();

        var response = await browser.Gateway.SendAsync(new HttpMethod(method), path, null, CrossSite);

        await ProblemAssert.IsAsync(response, HttpStatusCode.Forbidden, "csrf");
        Assert.Equal(HttpStatusCode.OK, (await browser.Gateway.GetAsync("/auth/session")).StatusCode);
    }

    private static void CrossSite(HttpRequestMessage request)
    {
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        request.Headers.Add("Origin", "https://elsewhere.example");
    }
}
