using System.Net;
using Gateway.TestSupport;
using SampleIdentityProvider.Faults;
using SampleIdentityProvider.Tests.Infrastructure;

namespace SampleIdentityProvider.Tests.Faults;

public sealed class FaultInjectionTests
{
    [Fact]
    public async Task Token_ServiceUnavailable_Answers503WithRetryAfterAndIsRecorded()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);
        provider.Faults.Token = EndpointFault.ServiceUnavailable;

        var response = await client.PostAsync("/connect/token", ClientAuth.Basic, ("grant_type", "client_credentials"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        var record = Assert.Single(provider.Recorder.TokenRequests);
        Assert.Equal((EndpointFault.ServiceUnavailable, "client_credentials", "gateway", false), (record.Fault, record.GrantType, record.ClientId, record.Succeeded));
    }

    [Fact]
    public async Task Token_Hang_NeverAnswersUntilTheClientGivesUp()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);
        provider.Faults.Token = EndpointFault.Hang;
        client.BackChannel.Timeout = TimeSpan.FromMilliseconds(500);

        await Assert.ThrowsAsync<TaskCanceledException>(() => client.PostAsync("/connect/token", ClientAuth.Basic, ("grant_type", "client_credentials")));

        Assert.Equal(EndpointFault.Hang, Assert.Single(provider.Recorder.TokenRequests).Fault);
    }

    [Fact]
    public async Task Token_HangWhileTheProviderStops_StopsPromptly()
    {
        var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);
        provider.Faults.Token = EndpointFault.Hang;
        var hanging = client.PostAsync("/connect/token", ClientAuth.Basic, ("grant_type", "client_credentials"));
        await WaitForAsync(() => provider.Recorder.TokenRequests.Count == 1);

        var stopping = provider.DisposeAsync().AsTask();

        Assert.Same(stopping, await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromSeconds(4))));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => hanging);
    }

    [Fact]
    public async Task RejectRefreshTokens_RefreshIsInvalidGrantAndTheTokenSurvivesTheSwitch()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);
        var tokens = await client.SignInAndRedeemAsync();
        provider.Faults.RejectRefreshTokens = true;

        var rejected = await client.RefreshAsync(tokens.RefreshToken!);
        provider.Faults.Reset();
        var accepted = await client.RefreshAsync(tokens.RefreshToken!);

        Assert.Equal("invalid_grant", rejected.Error);
        Assert.Equal(HttpStatusCode.OK, accepted.Status);
    }

    [Fact]
    public async Task RejectRefreshTokens_OtherGrantsStillWork()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);
        provider.Faults.RejectRefreshTokens = true;

        var tokens = await client.SignInAndRedeemAsync();

        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        Assert.Equal(HttpStatusCode.OK, (await client.ClientCredentialsAsync()).Status);
    }

    [Fact]
    public async Task Discovery_ServiceUnavailable_DiscoveryAndJwksAnswer503()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);
        provider.Faults.Discovery = EndpointFault.ServiceUnavailable;

        var discovery = await client.BackChannel.GetAsync("/.well-known/openid-configuration");
        var jwks = await client.BackChannel.GetAsync("/.well-known/jwks");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, discovery.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, jwks.StatusCode);
    }

    [Fact]
    public async Task ParAndRevocation_ServiceUnavailable_Answer503()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);
        provider.Faults.Settings = new FaultSettings { PushedAuthorization = EndpointFault.ServiceUnavailable, Revocation = EndpointFault.ServiceUnavailable };

        var par = await client.PostAsync("/connect/par", ClientAuth.Basic, [.. client.NewRequest().Parameters.Select(p => (p.Key, p.Value!))]);
        var revocation = await client.RevokeAsync("some-token", "refresh_token");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, par.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, revocation.StatusCode);
        Assert.Equal(EndpointFault.ServiceUnavailable, Assert.Single(provider.Recorder.Revocations).Fault);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(20);
        }

        Assert.True(condition());
    }
}
