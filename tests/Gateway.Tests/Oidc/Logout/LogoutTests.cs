using System.Net;
using System.Text.Json;
using Gateway.Oidc.Logout;
using Gateway.Oidc.Tokens;
using Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using SampleIdentityProvider.Faults;

namespace Gateway.Tests.Oidc.Logout;

/// <summary>CONTRACT-OIDC.md, <c>POST /auth/logout</c>, <c>GET /auth/logout/provider</c> and the signed-out callback.</summary>
public sealed class LogoutTests
{
    [Fact]
    public async Task Logout_LiveSession_EndsItClearsTheCookiesAndAnswersTheEndSessionUrl()
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var browser = await bed.SignedInBrowserAsync();

        var response = await browser.Gateway.PostAsync("/auth/logout");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var url = (await response.ReadJsonAsync<JsonElement>()).GetProperty("endSessionUrl").GetString()!;
        Assert.StartsWith("/auth/logout/provider?ticket=", url, StringComparison.Ordinal);
        Assert.Empty(browser.Gateway.Cookies);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.Gateway.GetAsync("/auth/session")).StatusCode);
    }

    [Fact]
    public async Task Logout_WithoutASession_Answers204()
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var browser = bed.CreateBrowser();

        var response = await browser.Gateway.PostAsync("/auth/logout");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Logout_SignOutAtProviderOff_Answers204()
    {
        await using var bed = await OidcTestBed.StartAsync(settings: new() { ["Gateway:Authentication:Oidc:SignOutAtProvider"] = "false" });
        using var browser = await bed.SignedInBrowserAsync();

        var response = await browser.Gateway.PostAsync("/auth/logout");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Logout_WithoutCsrfHeader_Answers403AndKeepsTheSession()
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var browser = await bed.SignedInBrowserAsync();
        browser.Gateway.SendCsrfHeader = false;

        var response = await browser.Gateway.PostAsync("/auth/logout");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        browser.Gateway.SendCsrfHeader = true;
        Assert.Equal(HttpStatusCode.OK, (await browser.Gateway.GetAsync("/auth/session")).StatusCode);
    }

    [Fact]
    public async Task Logout_BadReturnUrl_Answers400()
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var browser = await bed.SignedInBrowserAsync();

        var response = await browser.Gateway.PostAsync("/auth/logout?returnUrl=//evil.example");

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "invalid-request");
    }

    [Fact]
    public async Task Logout_RevokesTheProvidersRefreshTokenInTheBackground()
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var browser = await bed.SignedInBrowserAsync();

        await browser.Gateway.PostAsync("/auth/logout");

        var revocation = Assert.Single(await Eventually.WaitForAsync(() => Task.FromResult(bed.Provider.Recorder.Revocations), list => list.Count > 0, 1000));
        Assert.True(revocation.Succeeded);
        Assert.Equal("refresh_token", revocation.Parameters["token_type_hint"]);
        Assert.Equal("client_secret_basic", revocation.ClientAuthenticationMethod);
    }

    [Fact]
    public async Task Logout_ProviderRevocationFailing_AnswersAsUsualAndRetries()
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var browser = await bed.SignedInBrowserAsync();
        bed.Provider.Faults.Settings = new FaultSettings { Revocation = EndpointFault.ServiceUnavailable };

        var response = await browser.Gateway.PostAsync("/auth/logout");
        Assert.True(await Eventually.TrueAsync(() => bed.Provider.Recorder.Revocations.Count == 1, 1000));
        bed.Provider.Faults.Settings = new FaultSettings();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // The retry waits on the gateway's clock: move it until the worker, wherever it is, has retried.
        Assert.True(await Eventually.TrueAsync(() =>
        {
            bed.Gateway.Clock.Advance(ProviderRefreshTokenRevoker.RetryDelays[0]);
            return bed.Provider.Recorder.Revocations.Count == 2 && bed.Provider.Recorder.Revocations[1].Succeeded;
        }, 1000));
    }

    [Fact]
    public async Task Logout_RevokeRefreshTokenOnLogoutOff_RevokesNothingAtTheProvider()
    {
        await using var bed = await OidcTestBed.StartAsync(settings: new() { ["Gateway:Authentication:Oidc:RevokeRefreshTokenOnLogout"] = "false" });
        using var browser = await bed.SignedInBrowserAsync();

        await browser.Gateway.PostAsync("/auth/logout");
        await browser.Gateway.GetAsync("/auth/session");

        Assert.Empty(bed.Provider.Recorder.Revocations);
    }

    [Fact]
    public async Task DeviceRevoke_RevokesTheProvidersRefreshTokenToo()
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var browser = await bed.SignedInBrowserAsync();
        using var other = await bed.SignedInBrowserAsync();
        var otherId = (await (await other.Gateway.GetAsync("/auth/session")).ReadJsonAsync<JsonElement>()).GetProperty("sessionId").GetString();

        var response = await browser.Gateway.DeleteAsync($"/auth/sessions/{otherId}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.True(Assert.Single(await Eventually.WaitForAsync(() => Task.FromResult(bed.Provider.Recorder.Revocations), list => list.Count > 0, 1000)).Succeeded);
        Assert.True(await Eventually.TrueAsync(async () => await bed.Gateway.WithDbAsync(db =>
            db.Set<ProviderGrant>().AnyAsync(grant => grant.SessionId == otherId && grant.RefreshToken == null)), 1000));
    }

    [Fact]
    public async Task EndSessionUrl_Followed_RedirectsToTheProvidersEndSessionEndpointAndBack()
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var browser = await bed.SignedInBrowserAsync();
        var url = (await (await browser.Gateway.PostAsync("/auth/logout?returnUrl=/bye")).ReadJsonAsync<JsonElement>()).GetProperty("endSessionUrl").GetString()!;

        var toProvider = await browser.NavigateAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, toProvider.StatusCode);
        var location = toProvider.Headers.Location!;
        Assert.StartsWith(bed.Provider.Authority + "/connect/endsession?", location.AbsoluteUri, StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal(3, query["id_token_hint"].ToString().Split('.').Length);
        Assert.Equal(bed.Provider.ClientId, query["client_id"]);
        Assert.Equal("http://localhost/auth/logout/callback", query["post_logout_redirect_uri"]);
        Assert.False(string.IsNullOrEmpty(query["state"]));
        var back = await browser.AtProviderUntilCallbackAsync(location);
        Assert.Equal("/auth/logout/callback", back.AbsolutePath);
        var final = await browser.NavigateAsync(back.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, final.StatusCode);
        Assert.Equal("/bye", final.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task EndSessionUrl_AfterFiveMinutes_Answers400()
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var browser = await bed.SignedInBrowserAsync();
        var url = (await (await browser.Gateway.PostAsync("/auth/logout")).ReadJsonAsync<JsonElement>()).GetProperty("endSessionUrl").GetString()!;
        bed.Gateway.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        var response = await browser.NavigateAsync(url);

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "invalid-request");
    }

    [Theory]
    [InlineData("")]
    [InlineData("?ticket=")]
    [InlineData("?ticket=made-up")]
    public async Task EndSessionUrl_UnknownTicket_Answers400(string query)
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var browser = bed.CreateBrowser();

        var response = await browser.NavigateAsync("/auth/logout/provider" + query);

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "invalid-request");
    }

    [Theory]
    [InlineData("")]
    [InlineData("?state=forged")]
    public async Task SignedOutCallback_MissingOrInvalidState_RedirectsHome(string query)
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var browser = bed.CreateBrowser();

        var response = await browser.NavigateAsync("/auth/logout/callback" + query);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }
}
