using System.Net;
using Gateway.TestSupport;
using SampleIdentityProvider.Tests.Infrastructure;

namespace SampleIdentityProvider.Tests.Authorization;

public sealed class RefreshTests
{
    [Fact]
    public async Task Refresh_ValidToken_RotatesTheRefreshToken()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);
        var tokens = await client.SignInAndRedeemAsync();

        var refreshed = await client.RefreshAsync(tokens.RefreshToken!);

        Assert.Equal(HttpStatusCode.OK, refreshed.Status);
        Assert.NotNull(refreshed.AccessToken);
        Assert.NotNull(refreshed.IdToken);
        Assert.NotEqual(tokens.RefreshToken, refreshed.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, (await client.RefreshAsync(refreshed.RefreshToken!, ClientAuth.Post)).Status);
    }

    [Fact]
    public async Task Refresh_IdToken_KeepsTheSessionIdAndTheUsersClaims()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);
        var tokens = await client.SignInAndRedeemAsync(user: "bob", password: "bob-demo-password");

        var refreshed = await client.RefreshAsync(tokens.RefreshToken!);

        var (before, after) = (Jwt.Payload(tokens.IdToken!), Jwt.Payload(refreshed.IdToken!));
        Assert.Equal(before.GetProperty("sid").GetString(), after.GetProperty("sid").GetString());
        Assert.Equal(before.GetProperty("auth_time").GetInt64(), after.GetProperty("auth_time").GetInt64());
        Assert.Equal("user", Assert.Single(after.GetProperty("roles").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task Refresh_RotatedTokenWithoutLeeway_IsInvalidGrant()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);
        var tokens = await client.SignInAndRedeemAsync();
        await client.RefreshAsync(tokens.RefreshToken!);

        var replayed = await client.RefreshAsync(tokens.RefreshToken!);

        Assert.Equal(HttpStatusCode.BadRequest, replayed.Status);
        Assert.Equal("invalid_grant", replayed.Error);
    }

    [Fact]
    public async Task Refresh_RotatedTokenReplayed_RevokesTheWholeGrant()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);
        var tokens = await client.SignInAndRedeemAsync();
        var rotated = await client.RefreshAsync(tokens.RefreshToken!);
        await client.RefreshAsync(tokens.RefreshToken!);

        var current = await client.RefreshAsync(rotated.RefreshToken!);

        Assert.Equal("invalid_grant", current.Error);
    }

    [Fact]
    public async Task Refresh_RotatedTokenWithinLeeway_IsStillRedeemed()
    {
        await using var provider = await TestIdentityProvider.StartAsync(options => options.RefreshTokenReuseLeeway = TimeSpan.FromMinutes(1));
        using var client = new OidcTestClient(provider);
        var tokens = await client.SignInAndRedeemAsync();
        await client.RefreshAsync(tokens.RefreshToken!);

        var replayed = await client.RefreshAsync(tokens.RefreshToken!);

        Assert.Equal(HttpStatusCode.OK, replayed.Status);
    }

    [Fact]
    public async Task Refresh_NarrowerScope_IssuesAnAccessTokenForThatScope()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);
        var tokens = await client.SignInAndRedeemAsync(client.NewRequest().With("scope", "openid profile offline_access api.read api.write"));

        var refreshed = await client.RefreshAsync(tokens.RefreshToken!, ClientAuth.Basic, ("scope", "api.read"));

        Assert.Equal("api.read", Jwt.Payload(refreshed.AccessToken!).GetProperty("scope").GetString());
    }

    [Fact]
    public async Task Revoke_RefreshToken_RefreshIsThenInvalidGrant()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);
        var tokens = await client.SignInAndRedeemAsync();

        var revoked = await client.RevokeAsync(tokens.RefreshToken!, "refresh_token");

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal("invalid_grant", (await client.RefreshAsync(tokens.RefreshToken!)).Error);
    }

    [Fact]
    public async Task Refresh_TokenOfAnotherProviderStart_IsInvalidGrant()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        await using var other = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);
        using var otherClient = new OidcTestClient(other);
        var tokens = await otherClient.SignInAndRedeemAsync();

        var refreshed = await client.RefreshAsync(tokens.RefreshToken!);

        Assert.Equal("invalid_grant", refreshed.Error);
    }
}
