using System.Net;
using Gateway.TestSupport;
using SampleIdentityProvider.Tests.Infrastructure;

namespace SampleIdentityProvider.Tests.Authorization;

public sealed class PromptTests
{
    [Fact]
    public async Task PromptNone_WithoutSession_RedirectsWithLoginRequired()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);
        var request = client.NewRequest().With("prompt", "none");

        var response = new AuthorizationResponse((await client.AuthorizeAsync(request)).Headers.Location!);

        Assert.Equal("login_required", response.Error);
        Assert.Equal(request.State, response.State);
        Assert.Equal(provider.Issuer, response.Iss);
    }

    [Fact]
    public async Task PromptNone_WithSession_IssuesACode()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);
        await client.SignInAsync(client.NewRequest());

        var response = new AuthorizationResponse((await client.AuthorizeAsync(client.NewRequest().With("prompt", "none"))).Headers.Location!);

        Assert.NotNull(response.Code);
    }

    [Theory]
    [InlineData("login")]
    [InlineData("select_account")]
    public async Task PromptLoginOrSelectAccount_WithSession_ShowsTheLoginFormThenIssuesACodeForTheNewSession(string prompt)
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);
        await client.SignInAsync(client.NewRequest());

        var first = await client.AuthorizeAsync(client.NewRequest().With("prompt", prompt));
        var response = await client.CompleteAsync(first, "bob", "bob-demo-password");

        Assert.Equal("/account/login", first.Headers.Location!.AbsolutePath);
        Assert.NotNull(response.Code);
        Assert.Equal(["alice", "bob"], provider.Recorder.Logins.Select(login => login.UserName));
        Assert.Equal("user-bob", provider.Recorder.AuthorizationRequests[^1].Subject);
    }

    [Fact]
    public async Task PromptConsent_WithSession_IssuesACodeWithoutAsking()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);
        await client.SignInAsync(client.NewRequest());

        var response = new AuthorizationResponse((await client.AuthorizeAsync(client.NewRequest().With("prompt", "consent"))).Headers.Location!);

        Assert.NotNull(response.Code);
    }

    [Fact]
    public async Task MaxAgeZero_WithSession_ShowsTheLoginFormAgain()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);
        await client.SignInAsync(client.NewRequest());
        await Task.Delay(TimeSpan.FromMilliseconds(1100));

        var response = await client.AuthorizeAsync(client.NewRequest().With("max_age", "0"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task PromptNoneWithMaxAgeZero_WithSession_RedirectsWithLoginRequired()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);
        await client.SignInAsync(client.NewRequest());
        await Task.Delay(TimeSpan.FromMilliseconds(1100));

        var response = await client.AuthorizeAsync(client.NewRequest().With("prompt", "none").With("max_age", "0"));

        Assert.Equal("login_required", new AuthorizationResponse(response.Headers.Location!).Error);
    }
}
