using System.Net;
using System.Text.Json;
using Gateway.TestSupport;
using SampleIdentityProvider.Tests.Infrastructure;

namespace SampleIdentityProvider.Tests.Authorization;

public sealed class CodeRedemptionTests
{
    [Fact]
    public async Task Redeem_Code_IssuesIdTokenWithSidNonceNameAndRolesArray()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);
        var request = client.NewRequest();

        var tokens = await client.SignInAndRedeemAsync(request);

        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        Assert.NotNull(tokens.RefreshToken);
        var idToken = Jwt.Payload(tokens.IdToken!);
        Assert.Equal("user-alice", idToken.GetProperty("sub").GetString());
        Assert.Equal(provider.Recorder.Logins.Single().SessionId, idToken.GetProperty("sid").GetString());
        Assert.Equal(request.Nonce, idToken.GetProperty("nonce").GetString());
        Assert.Equal("Alice Liddell", idToken.GetProperty("name").GetString());
        Assert.Equal("alice", idToken.GetProperty("preferred_username").GetString());
        Assert.Equal(["admin", "user"], idToken.GetProperty("roles").EnumerateArray().Select(role => role.GetString()));
        Assert.Equal(provider.ClientId, idToken.GetProperty("aud").GetString());
        Assert.True(idToken.TryGetProperty("auth_time", out _));
    }

    [Fact]
    public async Task Redeem_UserWithOneRole_RolesIsStillAnArray()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);

        var tokens = await client.SignInAndRedeemAsync(user: "bob", password: "bob-demo-password");

        var roles = Jwt.Payload(tokens.IdToken!).GetProperty("roles");
        Assert.Equal(JsonValueKind.Array, roles.ValueKind);
        Assert.Equal("user", Assert.Single(roles.EnumerateArray()).GetString());
        Assert.Equal(JsonValueKind.Array, Jwt.Payload(tokens.AccessToken!).GetProperty("roles").ValueKind);
    }

    [Fact]
    public async Task Redeem_UserWithoutRoles_HasNoRolesClaim()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);

        var tokens = await client.SignInAndRedeemAsync(user: "carol", password: "carol-demo-password");

        Assert.False(Jwt.Payload(tokens.IdToken!).TryGetProperty("roles", out _));
    }

    [Fact]
    public async Task AccessToken_IsAJwtAnyoneCanCheckAgainstTheJwks()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);
        var tokens = await client.SignInAndRedeemAsync(client.NewRequest().With("resource", "https://api.example/"));

        var result = await Jwt.ValidateAsync(client.BackChannel, provider.Authority, tokens.AccessToken!, "https://api.example/", "at+jwt");

        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal("user-alice", result.Claims["sub"]);
        Assert.Equal(provider.ClientId, result.Claims["client_id"]);
    }

    [Fact]
    public async Task Redeem_ClientSecretPost_IsAccepted()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);
        var request = client.NewRequest();
        var response = await client.SignInAsync(request);

        var tokens = await client.RedeemAsync(response.Code!, request.Pkce.Verifier, ClientAuth.Post);

        Assert.Equal(HttpStatusCode.OK, tokens.Status);
    }

    [Fact]
    public async Task Redeem_WrongVerifier_IsInvalidGrant()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);
        var response = await client.SignInAsync(client.NewRequest());

        var tokens = await client.RedeemAsync(response.Code!, Pkce.Create().Verifier);

        Assert.Equal("invalid_grant", tokens.Error);
    }

    [Fact]
    public async Task Redeem_WrongClientSecret_IsInvalidClient()
    {
        await using var provider = await TestIdentityProvider.StartAsync(options => options.ClientSecret = "the-real-secret");
        using var client = new OidcTestClient(provider);
        var request = client.NewRequest();
        var response = await client.SignInAsync(request);
        provider.Options.ClientSecret = "a-wrong-secret";

        var tokens = await client.RedeemAsync(response.Code!, request.Pkce.Verifier);

        Assert.Equal(HttpStatusCode.Unauthorized, tokens.Status);
        Assert.Equal("invalid_client", tokens.Error);
    }

    [Fact]
    public async Task UserInfo_AccessToken_AnswersTheUsersClaims()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);
        var tokens = await client.SignInAndRedeemAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo");
        request.Headers.Authorization = new("Bearer", tokens.AccessToken);

        using var response = await client.BackChannel.SendAsync(request);

        var claims = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("user-alice", claims.GetProperty("sub").GetString());
        Assert.Equal(2, claims.GetProperty("roles").GetArrayLength());
    }
}
