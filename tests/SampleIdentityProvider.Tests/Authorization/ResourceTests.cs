using System.Net;
using System.Text.Json;
using Gateway.TestSupport;
using SampleIdentityProvider.Tests.Infrastructure;

namespace SampleIdentityProvider.Tests.Authorization;

public sealed class ResourceTests
{
    private const string Orders = "https://orders.example/";
    private const string Billing = "https://billing.example/";

    [Fact]
    public async Task Redeem_TwoResourcesRequested_AccessTokenIsForBoth()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);

        var tokens = await client.SignInAndRedeemAsync(WithResources(client.NewRequest(), Orders, Billing));

        Assert.Equal([Billing, Orders], Audiences(tokens.AccessToken!).Order());
    }

    [Fact]
    public async Task Refresh_WithOneResource_AccessTokenIsForThatOneAndTheGrantKeepsBoth()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);
        var tokens = await client.SignInAndRedeemAsync(WithResources(client.NewRequest(), Orders, Billing));

        var forOrders = await client.RefreshAsync(tokens.RefreshToken!, ClientAuth.Basic, ("resource", Orders));
        var forBilling = await client.RefreshAsync(forOrders.RefreshToken!, ClientAuth.Basic, ("resource", Billing));

        Assert.Equal([Orders], Audiences(forOrders.AccessToken!));
        Assert.Equal([Billing], Audiences(forBilling.AccessToken!));
    }

    [Fact]
    public async Task Refresh_ResourceNotGranted_IsInvalidTarget()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);
        var tokens = await client.SignInAndRedeemAsync(WithResources(client.NewRequest(), Orders));

        var refreshed = await client.RefreshAsync(tokens.RefreshToken!, ClientAuth.Basic, ("resource", Billing));

        Assert.Equal(HttpStatusCode.BadRequest, refreshed.Status);
        Assert.Equal("invalid_target", refreshed.Error);
    }

    [Fact]
    public async Task Authorize_ResourceNotListedWhenResourcesAreConfigured_IsRefusedWithInvalidTarget()
    {
        await using var provider = await TestIdentityProvider.StartAsync(options => options.Resources.Add(Orders));
        using var client = new OidcTestClient(provider);
        await client.SignInAsync(WithResources(client.NewRequest(), Orders));

        var response = await client.AuthorizeAsync(WithResources(client.NewRequest(), Billing));

        // OpenIddict answers errors found while validating a request itself, without redirecting.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid_target", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientCredentials_WithResourceAndScope_IssuesATokenForThatResourceAndScope()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);

        var tokens = await client.ClientCredentialsAsync(ClientAuth.Post, ("resource", Orders), ("scope", "api.read"));

        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        Assert.Null(tokens.RefreshToken);
        var payload = Jwt.Payload(tokens.AccessToken!);
        Assert.Equal([Orders], Audiences(tokens.AccessToken!));
        Assert.Equal("api.read", payload.GetProperty("scope").GetString());
        Assert.Equal(provider.ClientId, payload.GetProperty("sub").GetString());
    }

    [Fact]
    public async Task ClientCredentials_UnknownScope_IsRefused()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);

        var tokens = await client.ClientCredentialsAsync(ClientAuth.Basic, ("scope", "no-such-scope"));

        Assert.Equal(HttpStatusCode.BadRequest, tokens.Status);
        Assert.Equal("invalid_scope", tokens.Error);
    }

    private static AuthorizationRequest WithResources(AuthorizationRequest request, params string[] resources)
    {
        foreach (var resource in resources)
        {
            request.Add("resource", resource);
        }

        return request;
    }

    private static IEnumerable<string> Audiences(string token)
    {
        var audience = Jwt.Payload(token).GetProperty("aud");
        return audience.ValueKind == JsonValueKind.Array ? audience.EnumerateArray().Select(value => value.GetString()!) : [audience.GetString()!];
    }
}
