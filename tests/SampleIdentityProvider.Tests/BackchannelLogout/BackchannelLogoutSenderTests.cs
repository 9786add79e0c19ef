using System.Text.Json;
using Gateway.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SampleIdentityProvider.Tests.Infrastructure;

namespace SampleIdentityProvider.Tests.BackchannelLogout;

public sealed class BackchannelLogoutSenderTests
{
    [Fact]
    public async Task Send_PostsAFormWithALogoutTokenToTheGatewaysBackchannelUri()
    {
        var received = new TaskCompletionSource<(string? ContentType, string Token)>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var gateway = await StartGatewayAsync(received);
        await using var provider = await TestIdentityProvider.StartAsync(options => options.GatewayOrigin = gateway.Address);

        var result = await provider.SendBackchannelLogoutAsync("user-alice", "session-1");

        var (contentType, token) = await received.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(result.Succeeded);
        Assert.Equal(result.LogoutToken, token);
        Assert.Equal("application/x-www-form-urlencoded", contentType);
        var record = Assert.Single(provider.Recorder.BackchannelLogouts);
        Assert.Equal((gateway.Address + "/auth/backchannel-logout", "user-alice", "session-1", 200), (record.Uri, record.Subject, record.SessionId, record.StatusCode));
    }

    [Fact]
    public async Task LogoutToken_IsValidAgainstTheJwksWithTheBackchannelLogoutClaims()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);

        var token = provider.Tokens.CreateLogoutToken("user-alice", "session-1");

        var result = await Jwt.ValidateAsync(client.BackChannel, provider.Authority, token, provider.ClientId, "logout+jwt");
        Assert.True(result.IsValid, result.Exception?.Message);
        var payload = Jwt.Payload(token);
        Assert.Equal(JsonValueKind.Object, payload.GetProperty("events").GetProperty("http://schemas.openid.net/event/backchannel-logout").ValueKind);
        Assert.Equal(("user-alice", "session-1"), (payload.GetProperty("sub").GetString(), payload.GetProperty("sid").GetString()));
        Assert.True(payload.TryGetProperty("jti", out _));
        Assert.True(payload.TryGetProperty("iat", out _));
        Assert.False(payload.TryGetProperty("nonce", out _));
        Assert.Equal(provider.Tokens.SigningKey.KeyId, Jwt.Header(token).GetProperty("kid").GetString());
    }

    [Fact]
    public async Task LogoutToken_OnlySessionId_HasNoSubject()
    {
        await using var provider = await TestIdentityProvider.StartAsync();

        var payload = Jwt.Payload(provider.Tokens.CreateLogoutToken(subject: null, "session-1"));

        Assert.False(payload.TryGetProperty("sub", out _));
        Assert.Equal("session-1", payload.GetProperty("sid").GetString());
    }

    [Fact]
    public async Task Send_ForTheUsersSession_EndsTheProviderSession()
    {
        await using var provider = await TestIdentityProvider.StartAsync(options => options.GatewayOrigin = "http://127.0.0.1:1");
        using var client = new OidcTestClient(provider);
        var idToken = Jwt.Payload((await client.SignInAndRedeemAsync()).IdToken!);

        await provider.SendBackchannelLogoutAsync(idToken.GetProperty("sub").GetString(), idToken.GetProperty("sid").GetString());

        var response = await client.AuthorizeAsync(client.NewRequest().With("prompt", "none"));
        Assert.Equal("login_required", new AuthorizationResponse(response.Headers.Location!).Error);
    }

    [Fact]
    public async Task Send_GatewayUnreachable_ReportsNoAnswer()
    {
        await using var provider = await TestIdentityProvider.StartAsync(options => options.GatewayOrigin = "http://127.0.0.1:1");

        var result = await provider.SendBackchannelLogoutAsync("user-alice", sessionId: null);

        Assert.Equal(0, result.StatusCode);
        Assert.False(Assert.Single(provider.Recorder.BackchannelLogouts).Succeeded);
    }

    [Fact]
    public async Task CreateJwt_AnyClaims_IsSignedWithTheProvidersKey()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);

        var token = provider.Tokens.CreateJwt(new Dictionary<string, object>
        {
            ["iss"] = provider.Issuer,
            ["aud"] = "anyone",
            ["exp"] = DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds(),
            ["custom"] = "value",
        });

        var result = await Jwt.ValidateAsync(client.BackChannel, provider.Authority, token, "anyone");
        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal("value", result.Claims["custom"]);
    }

    private static Task<LoopbackServer> StartGatewayAsync(TaskCompletionSource<(string?, string)> received) => LoopbackServer.StartAsync(app =>
        app.MapPost("/auth/backchannel-logout", async (HttpRequest request) =>
        {
            received.TrySetResult((request.ContentType, (await request.ReadFormAsync())["logout_token"].ToString()));
            return Results.Ok();
        }));
}
