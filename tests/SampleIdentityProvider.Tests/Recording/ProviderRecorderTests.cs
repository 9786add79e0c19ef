using Gateway.TestSupport;
using SampleIdentityProvider.Faults;
using SampleIdentityProvider.Tests.Infrastructure;

namespace SampleIdentityProvider.Tests.Recording;

public sealed class ProviderRecorderTests
{
    [Fact]
    public async Task TokenRequests_RecordGrantClientMethodSubjectAndOutcome()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);
        var tokens = await client.SignInAndRedeemAsync();
        await client.RefreshAsync(tokens.RefreshToken!, ClientAuth.Post);
        await client.RefreshAsync(tokens.RefreshToken!);

        var records = provider.Recorder.TokenRequests;

        Assert.Equal(
            [
                ("authorization_code", "client_secret_basic", "user-alice", true, null),
                ("refresh_token", "client_secret_post", "user-alice", true, null),
                ("refresh_token", "client_secret_basic", null, false, "invalid_grant"),
            ],
            records.Select(record => (record.GrantType, record.ClientAuthenticationMethod, record.Subject, record.Succeeded, record.Error)));
        Assert.All(records, record => Assert.Equal(("gateway", EndpointFault.None), (record.ClientId, record.Fault)));
    }

    [Fact]
    public async Task TokenRequests_KeepNoSecretCodeOrToken()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);
        var tokens = await client.SignInAndRedeemAsync();
        await client.RefreshAsync(tokens.RefreshToken!, ClientAuth.Post);

        var parameters = provider.Recorder.TokenRequests.SelectMany(record => record.Parameters.Keys).ToHashSet();

        Assert.Contains("grant_type", parameters);
        Assert.DoesNotContain("client_secret", parameters);
        Assert.DoesNotContain("code", parameters);
        Assert.DoesNotContain("code_verifier", parameters);
        Assert.DoesNotContain("refresh_token", parameters);
    }

    [Fact]
    public async Task Revocations_RecordHintClientAndWhoseTokenItWas()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);
        var tokens = await client.SignInAndRedeemAsync();

        await client.RevokeAsync(tokens.RefreshToken!, "refresh_token", ClientAuth.Post);

        var record = Assert.Single(provider.Recorder.Revocations);
        Assert.Equal(("gateway", "client_secret_post", "user-alice", true), (record.ClientId, record.ClientAuthenticationMethod, record.Subject, record.Succeeded));
        Assert.Equal("refresh_token", record.Parameters["token_type_hint"]);
    }

    [Fact]
    public async Task AuthorizationRequests_RecordTheParametersAsResolvedFromPar()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);
        var request = client.NewRequest().With("prompt", "none");
        var pushed = await client.PostAsync("/connect/par", ClientAuth.Basic, [.. request.Parameters.Select(p => (p.Key, p.Value!))]);
        var requestUri = System.Text.Json.JsonDocument.Parse(await pushed.Content.ReadAsStringAsync()).RootElement.GetProperty("request_uri").GetString()!;

        await client.Browser.GetAsync($"/connect/authorize?client_id=gateway&request_uri={Uri.EscapeDataString(requestUri)}");

        Assert.Equal("S256", Assert.Single(provider.Recorder.PushedAuthorizationRequests).Parameters["code_challenge_method"]);
        var authorization = Assert.Single(provider.Recorder.AuthorizationRequests);
        Assert.Equal(("login_required", "none", requestUri), (authorization.Error, authorization.Parameters["prompt"], authorization.Parameters["request_uri"]));
    }

    [Fact]
    public async Task Clear_ForgetsEverything()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);
        await client.SignInAndRedeemAsync();

        provider.Recorder.Clear();

        Assert.Empty(provider.Recorder.TokenRequests);
        Assert.Empty(provider.Recorder.AuthorizationRequests);
        Assert.Empty(provider.Recorder.Logins);
    }
}
