using System.Net;
using Gateway.TestSupport;
using Microsoft.AspNetCore.WebUtilities;
using SampleIdentityProvider.Tests.Infrastructure;

namespace SampleIdentityProvider.Tests.Authorization;

public sealed class CodeFlowTests
{
    [Fact]
    public async Task Authorize_WithoutSession_SendsTheBrowserToTheLoginForm()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);

        var response = await client.AuthorizeAsync(client.NewRequest());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
        var form = await client.Browser.GetStringAsync(response.Headers.Location);
        Assert.Contains("name=\"password\"", form, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_WrongPassword_Answers401WithTheForm()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);

        var response = await client.PostLoginAsync("/", "alice", "not-her-password");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Invalid user name or password", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(provider.Recorder.Logins);
    }

    [Fact]
    public async Task Authorize_AfterLogin_RedirectsWithCodeStateAndIss()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);
        var request = client.NewRequest();

        var response = await client.SignInAsync(request);

        Assert.NotNull(response.Code);
        Assert.Equal(request.State, response.State);
        Assert.Equal(provider.Issuer, response.Iss);
        Assert.StartsWith("http://localhost:5000/auth/callback?", response.Location.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_SecondTimeWithSession_SkipsTheLoginForm()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);
        await client.SignInAsync(client.NewRequest());

        var response = await client.AuthorizeAsync(client.NewRequest());

        Assert.StartsWith(client.RedirectUri + "?code=", response.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Single(provider.Recorder.Logins);
    }

    [Theory]
    [InlineData("code_challenge_method", null)]
    [InlineData("code_challenge_method", "plain")]
    [InlineData("response_mode", "fragment")]
    [InlineData("response_mode", "form_post")]
    [InlineData("response_type", "code id_token")]
    public async Task Authorize_OutsideCodeFlowWithS256AndQuery_IsRefused(string parameter, string? value)
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);
        await client.SignInAsync(client.NewRequest());
        var request = value is null ? client.NewRequest().Without(parameter) : client.NewRequest().With(parameter, value);

        var response = await client.AuthorizeAsync(request);

        var location = response.Headers.Location;
        var error = location is null ? null : QueryHelpers.ParseQuery(location.Query).GetValueOrDefault("error").ToString();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest || error is "invalid_request" or "unsupported_response_type",
            $"{response.StatusCode} {location}");
        Assert.DoesNotContain("code=", location?.Query ?? "", StringComparison.Ordinal);
    }
}
