using System.Text.Json;
using Gateway.TestSupport;
using SampleIdentityProvider.Configuration;
using SampleIdentityProvider.Tests.Infrastructure;

namespace SampleIdentityProvider.Tests.Server;

public sealed class DiscoveryTests
{
    [Fact]
    public async Task Discovery_Default_NamesIssuerEndpointsAndIssParameter()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);

        var discovery = await GetDiscoveryAsync(client);

        Assert.Equal(provider.Issuer, discovery.GetProperty("issuer").GetString());
        Assert.Equal(provider.Authority + "/connect/par", discovery.GetProperty("pushed_authorization_request_endpoint").GetString());
        Assert.Equal(provider.Authority + "/connect/revoke", discovery.GetProperty("revocation_endpoint").GetString());
        Assert.Equal(provider.Authority + "/connect/endsession", discovery.GetProperty("end_session_endpoint").GetString());
        Assert.True(discovery.GetProperty("authorization_response_iss_parameter_supported").GetBoolean());
        Assert.False(discovery.GetProperty("require_pushed_authorization_requests").GetBoolean());
        Assert.True(discovery.GetProperty("backchannel_logout_session_supported").GetBoolean());
        Assert.Equal(["S256"], Strings(discovery, "code_challenge_methods_supported"));
        Assert.Equal(["query"], Strings(discovery, "response_modes_supported"));
        Assert.Equal(["code"], Strings(discovery, "response_types_supported"));
        Assert.Equal(["client_secret_basic", "client_secret_post"], Strings(discovery, "token_endpoint_auth_methods_supported").Order());
        Assert.Equal(["authorization_code", "client_credentials", "refresh_token"], Strings(discovery, "grant_types_supported").Order());
    }

    [Fact]
    public async Task Discovery_PushedAuthorizationDisabled_NamesNoParEndpoint()
    {
        await using var provider = await TestIdentityProvider.StartAsync(options => options.PushedAuthorization = PushedAuthorizationMode.Disabled);
        using var client = new OidcTestClient(provider);

        var discovery = await GetDiscoveryAsync(client);

        Assert.False(discovery.TryGetProperty("pushed_authorization_request_endpoint", out _));
    }

    [Fact]
    public async Task Discovery_PushedAuthorizationRequired_SaysSo()
    {
        await using var provider = await TestIdentityProvider.StartAsync(options => options.PushedAuthorization = PushedAuthorizationMode.Required);
        using var client = new OidcTestClient(provider);

        var discovery = await GetDiscoveryAsync(client);

        Assert.True(discovery.GetProperty("require_pushed_authorization_requests").GetBoolean());
    }

    [Fact]
    public async Task Discovery_ConfiguredIssuer_IsTheIssuerWithATrailingSlash()
    {
        await using var provider = await TestIdentityProvider.StartAsync(options => options.Issuer = "http://idp.example");
        using var client = new OidcTestClient(provider);

        var discovery = await GetDiscoveryAsync(client);

        Assert.Equal("http://idp.example/", discovery.GetProperty("issuer").GetString());
        Assert.Equal("http://idp.example/", provider.Tokens.Issuer);
    }

    [Fact]
    public async Task Jwks_PublishesTheSigningKey()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);

        var jwks = JsonDocument.Parse(await client.BackChannel.GetStringAsync("/.well-known/jwks")).RootElement;

        var key = Assert.Single(jwks.GetProperty("keys").EnumerateArray(), key => key.GetProperty("use").GetString() == "sig");
        Assert.Equal(provider.Tokens.SigningKey.KeyId, key.GetProperty("kid").GetString());
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
    }

    private static async Task<JsonElement> GetDiscoveryAsync(OidcTestClient client) =>
        JsonDocument.Parse(await client.BackChannel.GetStringAsync("/.well-known/openid-configuration")).RootElement;

    private static IEnumerable<string> Strings(JsonElement document, string name) =>
        document.GetProperty(name).EnumerateArray().Select(value => value.GetString()!);
}
