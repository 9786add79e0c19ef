using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SampleIdentityProvider.Tests.Infrastructure;

namespace SampleIdentityProvider.Tests.Testing;

public sealed class TestEndpointsTests
{
    [Fact]
    public async Task TestEndpoints_Off_DoNotExist()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        using var client = new OidcTestClient(provider);

        var response = await client.BackChannel.GetAsync("/_test/token-requests");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task TokenRequests_On_ServesTheRecordsAsJson()
    {
        await using var provider = await TestIdentityProvider.StartAsync(options => options.TestEndpoints = true);
        using var client = new OidcTestClient(provider);
        await client.ClientCredentialsAsync();

        var records = await GetJsonAsync(client, "/_test/token-requests");

        var record = Assert.Single(records.EnumerateArray());
        Assert.Equal("client_credentials", record.GetProperty("grantType").GetString());
        Assert.Equal("gateway", record.GetProperty("clientId").GetString());
        Assert.True(record.GetProperty("succeeded").GetBoolean());
        Assert.Equal("None", record.GetProperty("fault").GetString());
    }

    [Fact]
    public async Task Faults_PutOverHttp_TakeEffect()
    {
        await using var provider = await TestIdentityProvider.StartAsync(options => options.TestEndpoints = true);
        using var client = new OidcTestClient(provider);

        var put = await client.BackChannel.PutAsJsonAsync("/_test/faults", new { token = "ServiceUnavailable", rejectRefreshTokens = true });
        var tokens = await client.ClientCredentialsAsync();

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, tokens.Status);
        Assert.True(provider.Faults.RejectRefreshTokens);
        Assert.Equal("ServiceUnavailable", (await GetJsonAsync(client, "/_test/faults")).GetProperty("token").GetString());
    }

    [Fact]
    public async Task Records_Delete_ClearsThem()
    {
        await using var provider = await TestIdentityProvider.StartAsync(options => options.TestEndpoints = true);
        using var client = new OidcTestClient(provider);
        await client.SignInAndRedeemAsync();

        var deleted = await client.BackChannel.DeleteAsync("/_test/records");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(0, (await GetJsonAsync(client, "/_test/token-requests")).GetArrayLength());
        Assert.Equal(0, (await GetJsonAsync(client, "/_test/logins")).GetArrayLength());
    }

    [Fact]
    public async Task BackchannelLogout_PostedOverHttp_IsSentToTheGateway()
    {
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var gateway = await LoopbackServer.StartAsync(app => app.MapPost("/auth/backchannel-logout", async (HttpRequest request) =>
        {
            received.TrySetResult((await request.ReadFormAsync())["logout_token"].ToString());
            return Results.Ok();
        }));
        await using var provider = await TestIdentityProvider.StartAsync(options => { options.TestEndpoints = true; options.GatewayOrigin = gateway.Address; });
        using var client = new OidcTestClient(provider);

        var response = await client.BackChannel.PostAsJsonAsync("/_test/backchannel-logout", new { subject = "user-alice" });

        var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(200, result.GetProperty("statusCode").GetInt32());
        Assert.Equal(result.GetProperty("logoutToken").GetString(), await received.Task.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    private static async Task<JsonElement> GetJsonAsync(OidcTestClient client, string path) =>
        JsonDocument.Parse(await client.BackChannel.GetStringAsync(path)).RootElement;
}
