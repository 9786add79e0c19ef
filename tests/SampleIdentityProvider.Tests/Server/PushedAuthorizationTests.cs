using System.Net;
using System.Text.Json;
using Gateway.TestSupport;
using Microsoft.AspNetCore.WebUtilities;
using SampleIdentityProvider.Configuration;
using SampleIdentityProvider.Tests.Infrastructure;

namespace SampleIdentityProvider.Tests.Server;

public sealed class PushedAuthorizationTests
{
    [Fact]
    public async Task Par_PushedRequest_CompletesTheCodeFlow()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);
        var request = client.NewRequest().Add("resource", "https://orders.example/");

        var requestUri = await PushAsync(client, request);
        var response = await client.CompleteAsync(await client.Browser.GetAsync(
            QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?> { ["client_id"] = provider.ClientId, ["request_uri"] = requestUri })));
        var tokens = await client.RedeemAsync(response.Code!, request.Pkce.Verifier);

        Assert.StartsWith("urn:ietf:params:oauth:request_uri:", requestUri, StringComparison.Ordinal);
        Assert.Equal(request.State, response.State);
        Assert.Equal(provider.Issuer, response.Iss);
        Assert.Equal("https://orders.example/", Jwt.Payload(tokens.AccessToken!).GetProperty("aud").GetString());
    }

    [Fact]
    public async Task Par_Required_PlainRequestIsRefused()
    {
        await using var provider = await TestIdentityProvider.StartAsync(options => options.PushedAuthorization = PushedAuthorizationMode.Required);
        using var client = new OidcTestClient(provider);

        var response = await client.AuthorizeAsync(client.NewRequest());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Par_Required_PushedRequestIsAccepted()
    {
        await using var provider = await TestIdentityProvider.StartAsync(options => options.PushedAuthorization = PushedAuthorizationMode.Required);
        using var client = new OidcTestClient(provider);

        var requestUri = await PushAsync(client, client.NewRequest());

        Assert.StartsWith("urn:ietf:params:oauth:request_uri:", requestUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Par_Disabled_EndpointDoesNotExist()
    {
        await using var provider = await TestIdentityProvider.StartAsync(options => options.PushedAuthorization = PushedAuthorizationMode.Disabled);
        using var client = new OidcTestClient(provider);

        var response = await client.PostAsync("/connect/par", ClientAuth.Basic, [.. client.NewRequest().Parameters.Select(p => (p.Key, p.Value!))]);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<string> PushAsync(OidcTestClient client, AuthorizationRequest request)
    {
        var response = await client.PostAsync("/connect/par", ClientAuth.Basic, [.. request.Parameters.Select(p => (p.Key, p.Value!))]);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("request_uri").GetString()!;
    }
}
