using System.Net;
using Gateway.TestSupport;
using SampleIdentityProvider.Tests.Infrastructure;

namespace SampleIdentityProvider.Tests.Hosting;

public sealed class TestIdentityProviderTests
{
    [Fact]
    public async Task Restart_SameDataFolder_KeepsPortKeysAndRefreshTokens()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);
        var tokens = await client.SignInAndRedeemAsync();
        var (authority, keyId) = (provider.Authority, provider.Tokens.SigningKey.KeyId);

        await provider.RestartAsync();
        var refreshed = await client.RefreshAsync(tokens.RefreshToken!);

        Assert.Equal(HttpStatusCode.OK, refreshed.Status);
        Assert.Equal(authority, provider.Authority);
        Assert.Equal(keyId, provider.Tokens.SigningKey.KeyId);
    }

    [Fact]
    public async Task Stop_RefusesConnectionsUntilRestarted()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);

        await provider.StopAsync();

        await Assert.ThrowsAsync<HttpRequestException>(() => client.BackChannel.GetAsync("/.well-known/openid-configuration"));
        await provider.RestartAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.BackChannel.GetAsync("/.well-known/openid-configuration")).StatusCode);
    }

    [Fact]
    public async Task InMemory_ConcurrentRequests_AllSucceed()
    {
        await using var provider = await TestIdentityProvider.StartAsync(options => options.DataDirectory = null);
        using var client = new OidcTestClient(provider);
        var tokens = await client.SignInAndRedeemAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => client.ClientCredentialsAsync()).Append(client.RefreshAsync(tokens.RefreshToken!)));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
    }
}
