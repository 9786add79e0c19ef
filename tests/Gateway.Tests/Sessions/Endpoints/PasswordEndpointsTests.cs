using System.Net;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Sessions.Endpoints;

public sealed class PasswordEndpointsTests
{
    private const string NewPassword = "a brand new passphrase";

    [Fact]
    public async Task ChangePassword_Valid_EndsOtherSessionsAndKeepsThisOne()
    {
        await using var gateway = new GatewayFactory();
        using var laptop = await gateway.SignedInBrowserAsync();
        using var phone = gateway.CreateBrowser();
        await phone.LoginAsync("alice", GatewayFactory.Password);

        var response = await laptop.PostAsync("/auth/password", new { currentPassword = GatewayFactory.Password, newPassword = NewPassword });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/auth/session")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("/auth/session")).StatusCode);
    }

    [Fact]
    public async Task ChangePassword_Valid_OnlyTheNewPasswordSignsIn()
    {
        await using var gateway = new GatewayFactory();
        using var browser = await gateway.SignedInBrowserAsync();
        await browser.PostAsync("/auth/password", new { currentPassword = GatewayFactory.Password, newPassword = NewPassword });
        using var other = gateway.CreateBrowser();

        var withOld = await other.LoginAsync("alice", GatewayFactory.Password);
        var withNew = await other.LoginAsync("alice", NewPassword);

        Assert.Equal(HttpStatusCode.Unauthorized, withOld.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withNew.StatusCode);
    }

    [Fact]
    public async Task ChangePassword_WrongCurrentPassword_Answers400AndChangesNothing()
    {
        await using var gateway = new GatewayFactory();
        using var browser = await gateway.SignedInBrowserAsync();
        using var phone = gateway.CreateBrowser();
        await phone.LoginAsync("alice", GatewayFactory.Password);

        var response = await browser.PostAsync("/auth/password", new { currentPassword = "guessing wrong", newPassword = NewPassword });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/auth/session")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.CreateBrowser().LoginAsync("alice", GatewayFactory.Password)).StatusCode);
    }

    [Fact]
    public async Task ChangePassword_WrongCurrentPassword_AnswersItsOwnProblemTypeNotWeakPassword()
    {
        await using var gateway = new GatewayFactory();
        using var browser = await gateway.SignedInBrowserAsync();

        var response = await browser.PostAsync("/auth/password", new { currentPassword = "guessing wrong", newPassword = NewPassword });

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "wrong-password");
    }

    [Fact]
    public async Task ChangePassword_WrongCurrentPasswords_CountTowardLockoutLikeFailedLogins()
    {
        await using var gateway = new GatewayFactory(settings: new() { ["Gateway:Lockout:MaxFailedAttempts"] = "3" });
        using var thief = await gateway.SignedInBrowserAsync();
        for (var i = 0; i < 3; i++)
        {
            await thief.PostAsync("/auth/password", new { currentPassword = "guess " + i + " wrong", newPassword = NewPassword });
        }

        var withTheRightOne = await thief.PostAsync("/auth/password", new { currentPassword = GatewayFactory.Password, newPassword = NewPassword });
        var ownerSignIn = await gateway.CreateBrowser().LoginAsync("alice", GatewayFactory.Password);

        await ProblemAssert.IsAsync(withTheRightOne, HttpStatusCode.BadRequest, "wrong-password");
        Assert.Equal(HttpStatusCode.Unauthorized, ownerSignIn.StatusCode);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("password123")]
    [InlineData("alice")]
    public async Task ChangePassword_WeakNewPassword_Answers400WithAPlainReason(string weak)
    {
        await using var gateway = new GatewayFactory();
        using var browser = await gateway.SignedInBrowserAsync();

        var response = await browser.PostAsync("/auth/password", new { currentPassword = GatewayFactory.Password, newPassword = weak });
        var problem = await response.ReadJsonAsync<System.Text.Json.JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task ChangePassword_LongPassphraseIsNeverTruncated()
    {
        await using var gateway = new GatewayFactory();
        using var browser = await gateway.SignedInBrowserAsync();
        var passphrase = new string('x', 100) + "-end";
        await browser.PostAsync("/auth/password", new { currentPassword = GatewayFactory.Password, newPassword = passphrase });
        using var other = gateway.CreateBrowser();

        var truncated = await other.LoginAsync("alice", new string('x', 100));
        var whole = await other.LoginAsync("alice", passphrase);

        Assert.Equal(HttpStatusCode.Unauthorized, truncated.StatusCode);
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
    }

    [Fact]
    public async Task ChangePassword_WithoutSession_Answers401()
    {
        await using var gateway = new GatewayFactory();
        using var browser = gateway.CreateBrowser();

        var response = await browser.PostAsync("/auth/password", new { currentPassword = "x", newPassword = NewPassword });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
