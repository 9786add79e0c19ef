using System.Net;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Tokens;

public sealed class DiscoveryEndpointsTests
{
    // Downstreams fetch the JWKS when they meet an unknown kid: a 500 there would fail every token they hold.
    [Fact]
    public async Task Jwks_DatabaseDown_Answers200WithTheKeysAlreadyKnown()
    {
        await using var gateway = new GatewayFactory();
        var known = (await Jwks.FetchAsync(gateway)).Keys.Select(key => key.Kid).ToList();
        using var client = gateway.CreateDefaultClient(new Uri("http://localhost"));

        HttpResponseMessage response;
        using (DatabaseOutage.Begin(gateway.DatabasePath))
        {
            response = await client.GetAsync(new Uri("/.well-known/jwks.json", UriKind.Relative));
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var published = new Microsoft.IdentityModel.Tokens.JsonWebKeySet(await response.Content.ReadAsStringAsync());
        Assert.Equal(known, published.Keys.Select(key => key.Kid));
    }
}
