using System.Net;
using Gateway.TestSupport;
using Microsoft.AspNetCore.WebUtilities;
using SampleIdentityProvider.Tests.Infrastructure;

namespace SampleIdentityProvider.Tests.Authorization;

public sealed class EndSessionTests
{
    [Fact]
    public async Task EndSession_WithIdTokenHint_RedirectsToThePostLogoutUriWithState()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);
        var tokens = await client.SignInAndRedeemAsync();

        var response = await client.Browser.GetAsync(EndSessionUrl(provider, tokens.IdToken!, "http://localhost:5000/auth/logout/callback"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("http://localhost:5000/auth/logout/callback?state=logout-state", response.Headers.Location!.AbsoluteUri);
    }

    [Fact]
    public async Task EndSession_Done_EndsTheProviderSession()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);
        var tokens = await client.SignInAndRedeemAsync();
        await client.Browser.GetAsync(EndSessionUrl(provider, tokens.IdToken!, "http://localhost:5000/auth/logout/callback"));

        var response = await client.AuthorizeAsync(client.NewRequest().With("prompt", "none"));

        Assert.Equal("login_required", new AuthorizationResponse(response.Headers.Location!).Error);
    }

    [Fact]
    public async Task EndSession_UnregisteredPostLogoutUri_IsNotRedirectedThere()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);
        var tokens = await client.SignInAndRedeemAsync();

        var response = await client.Browser.GetAsync(EndSessionUrl(provider, tokens.IdToken!, "https://evil.example/"));

        Assert.DoesNotContain("evil.example", response.Headers.Location?.AbsoluteUri ?? "", StringComparison.Ordinal);
    }

    private static string EndSessionUrl(TestIdentityProvider provider, string idToken, string postLogoutRedirectUri) =>
        QueryHelpers.AddQueryString("/connect/endsession", new Dictionary<string, string?>
        {
            ["id_token_hint"] = idToken,
            ["client_id"] = provider.ClientId,
            ["post_logout_redirect_uri"] = postLogoutRedirectUri,
            ["state"] = "logout-state",
        });
}
