using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Sessions.Connections;
using Gateway.Tests.Infrastructure;
using Gateway.Tests.Observability;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Sessions.Connections;

/// <summary>
/// A WebSocket or a stream opened through a protected route lives only as long as its session: every way a session
/// ends closes it, the client's side and the downstream's. Gateways on Kestrel, a real echoing downstream, the fake clock.
/// </summary>
public sealed class OpenConnectionsTests : IAsyncLifetime
{
    private const string NewPassword = "a brand new passphrase";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private RecordingDownstream _downstream = null!;

    public async Task InitializeAsync() => _downstream = await RecordingDownstream.StartAsync();

    public async Task DisposeAsync() => await _downstream.DisposeAsync();

    [Fact]
    public async Task WebSocket_Logout_ClosesItAndTheDownstreamSeesTheClose()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await LiveConnections.SignedInOnKestrelAsync(gateway);
        using var socket = await LiveConnections.OpenWebSocketAsync(gateway.ClientOptions.BaseAddress, browser);

        await browser.PostAsync("/auth/logout");

        Assert.True(await LiveConnections.ClosedAsync(socket));
        Assert.Equal("/api/live", await _downstream.StreamEndedAsync(Bound));
    }

    [Fact]
    public async Task WebSocket_DeviceRevokedFromAnotherDevice_ClosesIt()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var phone = await LiveConnections.SignedInOnKestrelAsync(gateway);
        using var socket = await LiveConnections.OpenWebSocketAsync(gateway.ClientOptions.BaseAddress, phone);
        using var laptop = await LiveConnections.SecondDeviceAsync(gateway);

        var revoke = await laptop.DeleteAsync($"/auth/sessions/{await SessionIdAsync(phone)}");

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.True(await LiveConnections.ClosedAsync(socket));
        Assert.NotNull(await _downstream.StreamEndedAsync(Bound));
    }

    [Fact]
    public async Task WebSocket_PasswordChangedOnAnotherDevice_ClosesIt()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var phone = await LiveConnections.SignedInOnKestrelAsync(gateway);
        using var socket = await LiveConnections.OpenWebSocketAsync(gateway.ClientOptions.BaseAddress, phone);
        using var laptop = await LiveConnections.SecondDeviceAsync(gateway);

        var change = await laptop.PostAsync("/auth/password", new { currentPassword = GatewayFactory.Password, newPassword = NewPassword });

        Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);
        Assert.True(await LiveConnections.ClosedAsync(socket));
        Assert.NotNull(await _downstream.StreamEndedAsync(Bound));
    }

    // On SQLite the CLI's revocation reaches a running gateway through the revocation poll: one interval later.
    [Fact]
    public async Task WebSocket_CliRevokesTheSession_ClosesItAtTheNextPoll()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await LiveConnections.SignedInOnKestrelAsync(gateway);
        using var socket = await LiveConnections.OpenWebSocketAsync(gateway.ClientOptions.BaseAddress, browser);

        var revoke = await AdminCliRunner.RunAsync(gateway.DatabasePath, null, "sessions", "revoke", "--session", await SessionIdAsync(browser));
        gateway.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(0, revoke.ExitCode);
        Assert.True(await LiveConnections.ClosedAsync(socket));
        Assert.NotNull(await _downstream.StreamEndedAsync(Bound));
    }

    [Fact]
    public async Task WebSocket_RefreshTokenReuseDetected_ClosesIt()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var owner = await LiveConnections.SignedInOnKestrelAsync(gateway);
        using var socket = await LiveConnections.OpenWebSocketAsync(gateway.ClientOptions.BaseAddress, owner);
        using var thief = owner.CloneInto(new BrowserClient(new HttpClient { BaseAddress = gateway.ClientOptions.BaseAddress }));
        await owner.PostAsync("/auth/refresh");
        gateway.Clock.Advance(TimeSpan.FromSeconds(31));

        var replay = await thief.PostAsync("/auth/refresh");

        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.True(await LiveConnections.ClosedAsync(socket));
        Assert.NotNull(await _downstream.StreamEndedAsync(Bound));
    }

    [Fact]
    public async Task WebSocket_SessionLifetimeReached_ClosesItAtTheSweep()
    {
        await using var gateway = new GatewayFactory(_downstream, new() { ["Gateway:Tokens:SessionLifetime"] = "00:01:00" });
        using var browser = await LiveConnections.SignedInOnKestrelAsync(gateway);
        using var socket = await LiveConnections.OpenWebSocketAsync(gateway.ClientOptions.BaseAddress, browser);
        gateway.Clock.Advance(TimeSpan.FromMinutes(1) - TimeSpan.FromSeconds(2));
        Assert.True(await LiveConnections.EchoesAsync(socket));

        gateway.Clock.Advance(OpenConnectionSweeper.Interval * 2);

        Assert.True(await LiveConnections.ClosedAsync(socket));
        Assert.NotNull(await _downstream.StreamEndedAsync(Bound));
    }

    // The access token expiring is not the session ending: the connection authenticated at its handshake stays.
    [Fact]
    public async Task WebSocket_AccessTokenExpiredOnly_StaysOpen()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await LiveConnections.SignedInOnKestrelAsync(gateway);
        using var socket = await LiveConnections.OpenWebSocketAsync(gateway.ClientOptions.BaseAddress, browser);

        gateway.Clock.Advance(TimeSpan.FromMinutes(6));
        gateway.Clock.Advance(OpenConnectionSweeper.Interval);

        Assert.True(await LiveConnections.EchoesAsync(socket));
        Assert.Equal(1, _downstream.OpenStreams);
    }

    // Only the revoked session's connections close: the same user's other device keeps its own.
    [Fact]
    public async Task WebSocket_AnotherSessionLogsOut_StaysOpen()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var phone = await LiveConnections.SignedInOnKestrelAsync(gateway);
        using var socket = await LiveConnections.OpenWebSocketAsync(gateway.ClientOptions.BaseAddress, phone);
        using var laptop = await LiveConnections.SecondDeviceAsync(gateway);

        await laptop.PostAsync("/auth/logout");

        Assert.True(await LiveConnections.EchoesAsync(socket));
    }

    [Fact]
    public async Task EventStream_Logout_ClosesItAndTheDownstreamSeesTheClose()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await LiveConnections.SignedInOnKestrelAsync(gateway);
        using var stream = await LiveConnections.OpenEventStreamAsync(browser);

        await browser.PostAsync("/auth/logout");

        Assert.True(await stream.ClosedAsync());
        Assert.Equal("/api/feed/events", await _downstream.StreamEndedAsync(Bound));
    }

    [Fact]
    public async Task WebSocket_Open_IsCountedAndItsRevocationToo()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await LiveConnections.SignedInOnKestrelAsync(gateway);
        using var metrics = new MetricRecorder(gateway.Services);
        using var socket = await LiveConnections.OpenWebSocketAsync(gateway.ClientOptions.BaseAddress, browser);
        var openWhileOpen = metrics.Sum("gateway.connections.open");

        await browser.PostAsync("/auth/logout");
        await LiveConnections.ClosedAsync(socket);

        Assert.Equal(1, openWhileOpen);
        Assert.Equal(1, metrics.Sum("gateway.connections.closed", OpenConnections.Revoked));
        Assert.True(await Eventually.TrueAsync(() => metrics.Sum("gateway.connections.open") == 0));
    }

    [Fact]
    public async Task OrdinaryRequest_RegistersNothing()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();
        using var metrics = new MetricRecorder(gateway.Services);

        var response = await browser.GetAsync("/api/orders");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, metrics.Count("gateway.connections.open"));
    }

    [Fact]
    public async Task StreamedAnswerWithoutLength_IsRegisteredWhileItStreams()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();
        using var metrics = new MetricRecorder(gateway.Services);

        var response = await browser.GetAsync("/api/export/chunked");

        // Registered when its headers came (+1), unregistered when the request ended (-1), which may follow the answer.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await Eventually.TrueAsync(() => metrics.Count("gateway.connections.open") == 2));
        Assert.Equal(0, gateway.Services.GetRequiredService<OpenConnections>().Count);
    }

    [Fact]
    public async Task AnonymousRoute_WebSocket_RegistersNothing()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var browser = await LiveConnections.SignedInOnKestrelAsync(gateway);
        using var metrics = new MetricRecorder(gateway.Services);

        using var socket = await LiveConnections.OpenWebSocketAsync(gateway.ClientOptions.BaseAddress, browser, "/public/live");

        Assert.Equal(0, metrics.Count("gateway.connections.open"));
    }

    private static async Task<string> SessionIdAsync(BrowserClient browser)
    {
        var session = await (await browser.GetAsync("/auth/session")).Content.ReadFromJsonAsync<JsonElement>();
        return session.GetProperty("sessionId").GetString()!;
    }
}
