using System.Net;
using System.Text.Json;
using Gateway.Storage;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Sessions.Endpoints;

public abstract class DeviceEndpointsTests : ProviderTests
{
    private protected DeviceEndpointsTests(StorageProvider provider)
        : base(provider)
    {
    }

    [Fact]
    public async Task List_TwoDevices_ShowsBothWithTheCurrentOneMarked()
    {
        await using var gateway = NewGateway();
        using var laptop = await gateway.SignedInBrowserAsync();
        using var phone = gateway.CreateBrowser();
        phone.UserAgent = "Phone/2.0";
        await phone.LoginAsync("alice", GatewayFactory.Password);

        var devices = await ListAsync(laptop);

        Assert.Equal(2, devices.Count);
        var current = Assert.Single(devices, device => device.GetProperty("current").GetBoolean());
        Assert.Equal(await SessionIdAsync(laptop), current.GetProperty("id").GetString());
        Assert.Contains(devices, device => device.GetProperty("userAgent").GetString() == "Phone/2.0");
        Assert.All(devices, device =>
        {
            foreach (var field in new[] { "createdAt", "lastSeenAt", "expiresAt", "ip" })
            {
                Assert.True(device.TryGetProperty(field, out _), field);
            }
        });
    }

    [Fact]
    public async Task List_RevokedAndOtherUsersSessions_AreNotShown()
    {
        await using var gateway = NewGateway();
        using var alice = await gateway.SignedInBrowserAsync("alice");
        using var bob = await gateway.SignedInBrowserAsync("bob");
        using var aliceOld = gateway.CreateBrowser();
        await aliceOld.LoginAsync("alice", GatewayFactory.Password);
        await aliceOld.PostAsync("/auth/logout");

        var devices = await ListAsync(alice);

        Assert.Single(devices);
    }

    [Fact]
    public async Task RevokeOne_AnotherDevice_ItsNextCallFails()
    {
        await using var gateway = NewGateway();
        using var laptop = await gateway.SignedInBrowserAsync();
        using var phone = gateway.CreateBrowser();
        await phone.LoginAsync("alice", GatewayFactory.Password);

        var response = await laptop.DeleteAsync($"/auth/sessions/{await SessionIdAsync(phone)}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("/auth/session")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/auth/session")).StatusCode);
    }

    [Fact]
    public async Task RevokeOne_AnotherUsersSession_Answers404AndLeavesItAlive()
    {
        await using var gateway = NewGateway();
        using var alice = await gateway.SignedInBrowserAsync("alice");
        using var bob = await gateway.SignedInBrowserAsync("bob");

        var response = await alice.DeleteAsync($"/auth/sessions/{await SessionIdAsync(bob)}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync("/auth/session")).StatusCode);
    }

    [Fact]
    public async Task RevokeOne_UnknownId_Answers404()
    {
        await using var gateway = NewGateway();
        using var alice = await gateway.SignedInBrowserAsync();

        var response = await alice.DeleteAsync("/auth/sessions/does-not-exist");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task RevokeOthers_KeepsTheCurrentSessionAndEndsTheRest()
    {
        await using var gateway = NewGateway();
        using var laptop = await gateway.SignedInBrowserAsync();
        using var phone = gateway.CreateBrowser();
        using var tablet = gateway.CreateBrowser();
        await phone.LoginAsync("alice", GatewayFactory.Password);
        await tablet.LoginAsync("alice", GatewayFactory.Password);

        var response = await laptop.DeleteAsync("/auth/sessions");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/auth/session")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("/auth/session")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await tablet.PostAsync("/auth/refresh")).StatusCode);
        Assert.Single(await ListAsync(laptop));
    }

    [Fact]
    public async Task List_WithoutSession_Answers401()
    {
        await using var gateway = NewGateway();
        using var browser = gateway.CreateBrowser();

        var response = await browser.GetAsync("/auth/sessions");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task List_WithoutCsrfHeader_Answers403()
    {
        await using var gateway = NewGateway();
        using var browser = await gateway.SignedInBrowserAsync();
        browser.SendCsrfHeader = false;

        var response = await browser.DeleteAsync("/auth/sessions");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static async Task<List<JsonElement>> ListAsync(BrowserClient browser)
    {
        var response = await browser.GetAsync("/auth/sessions");
        response.EnsureSuccessStatusCode();
        return (await response.ReadJsonAsync<List<JsonElement>>())!;
    }

    private static async Task<string> SessionIdAsync(BrowserClient browser) =>
        (await (await browser.GetAsync("/auth/session")).ReadJsonAsync<JsonElement>()).GetProperty("sessionId").GetString()!;

    public sealed class OnSqlite() : DeviceEndpointsTests(StorageProvider.Sqlite);

    public sealed class OnPostgres() : DeviceEndpointsTests(StorageProvider.Postgres);
}
