using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Sessions.Revocation;
using Gateway.Storage;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Gateway.Tests.Sessions.Revocation;

/// <summary>
/// On PostgreSQL a revocation reaches the other instances by NOTIFY, without waiting for the poll: the fake clock
/// never moves in these tests unless a test says so, so the poll never runs. The poll still catches what a lost
/// listener connection missed. Two gateways on one database act as two instances.
/// </summary>
public sealed class RevocationListenerTests : IAsyncLifetime
{
    private RecordingDownstream _downstream = null!;

    public async Task InitializeAsync() => _downstream = await RecordingDownstream.StartAsync();

    public async Task DisposeAsync() => await _downstream.DisposeAsync();

    [Fact]
    public async Task Logout_OnAnotherInstance_RefusedHereWithoutThePoll()
    {
        var (first, second) = await TwoInstancesAsync();
        await using var _ = first;
        await using var __ = second;
        using var browser = await first.SignedInBrowserAsync();
        using var onSecond = browser.CloneInto(second.CreateBrowser());
        Assert.Equal(HttpStatusCode.OK, (await onSecond.GetAsync("/api/before")).StatusCode);

        await browser.PostAsync("/auth/logout");

        Assert.True(await Eventually.TrueAsync(async () => (await onSecond.GetAsync("/api/after")).StatusCode == HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task CliRevoke_RunningGatewayRefusesTheSessionWithoutThePoll()
    {
        await using var gateway = new GatewayFactory(_downstream, provider: StorageProvider.Postgres);
        using var browser = await gateway.SignedInBrowserAsync();
        await WaitListeningAsync(gateway);

        var revoke = await AdminCliRunner.RunAsync(StorageProvider.Postgres, gateway.DatabasePath, null,
            "sessions", "revoke", "--session", await SessionIdAsync(browser));

        Assert.Equal(0, revoke.ExitCode);
        Assert.True(await Eventually.TrueAsync(async () => (await browser.GetAsync("/api/after")).StatusCode == HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task ListenerConnectionKilled_ThePollStillRevokesAndTheListenerComesBack()
    {
        // The poll every 200 ms of the fake clock; the listener's first retry comes after about a second of it.
        var (first, second) = await TwoInstancesAsync(new() { ["Gateway:Sessions:RevocationPollInterval"] = "00:00:00.200" });
        await using var _ = first;
        await using var __ = second;
        using var laptop = await first.SignedInBrowserAsync();
        using var phone = first.CreateBrowser();
        (await phone.LoginAsync("alice", GatewayFactory.Password)).EnsureSuccessStatusCode();
        using var laptopOnSecond = laptop.CloneInto(second.CreateBrowser());
        using var phoneOnSecond = phone.CloneInto(second.CreateBrowser());
        var listener = second.Services.GetRequiredService<RevocationListener>();

        Assert.True(await TerminateListenersAsync(second) > 0);
        Assert.True(await Eventually.TrueAsync(() => !listener.IsListening));
        await laptop.PostAsync("/auth/logout");
        var beforeThePoll = await laptopOnSecond.GetAsync("/api/lost-notification");
        first.Clock.Advance(TimeSpan.FromMilliseconds(200));

        Assert.Equal(HttpStatusCode.OK, beforeThePoll.StatusCode);
        Assert.True(await Eventually.TrueAsync(async () => (await laptopOnSecond.GetAsync("/api/polled")).StatusCode == HttpStatusCode.Unauthorized));

        first.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.True(await Eventually.TrueAsync(() => listener.IsListening));
        await phone.PostAsync("/auth/logout");

        Assert.True(await Eventually.TrueAsync(async () => (await phoneOnSecond.GetAsync("/api/notified")).StatusCode == HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task WebSocketOnOneInstance_LogoutOnAnother_ClosesIt()
    {
        var (first, second) = await TwoInstancesAsync(secondOnKestrel: true);
        await using var _ = first;
        await using var __ = second;
        await second.CreateUserAsync("alice");
        using var onSecond = await LiveConnections.SecondDeviceAsync(second);
        using var socket = await LiveConnections.OpenWebSocketAsync(second.ClientOptions.BaseAddress, onSecond);
        using var onFirst = onSecond.CloneInto(first.CreateBrowser());

        await onFirst.PostAsync("/auth/logout");

        Assert.True(await LiveConnections.ClosedAsync(socket));
        Assert.NotNull(await _downstream.StreamEndedAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task OnSqlite_NothingListens()
    {
        await using var gateway = new GatewayFactory(_downstream);
        _ = gateway.Server;

        Assert.False(gateway.Services.GetRequiredService<RevocationListener>().IsListening);
    }

    private async Task<(GatewayFactory First, GatewayFactory Second)> TwoInstancesAsync(Dictionary<string, string?>? settings = null,
        bool secondOnKestrel = false)
    {
        var first = new GatewayFactory(_downstream, settings, provider: StorageProvider.Postgres);
        _ = first.Server;
        var second = new GatewayFactory(_downstream, settings, first.DatabasePath, first.Clock, StorageProvider.Postgres);
        if (secondOnKestrel)
        {
            second.UseKestrel(0);
            second.StartServer();
        }
        else
        {
            _ = second.Server;
        }

        await WaitListeningAsync(first);
        await WaitListeningAsync(second);
        return (first, second);
    }

    private static async Task WaitListeningAsync(GatewayFactory gateway)
    {
        var listener = gateway.Services.GetRequiredService<RevocationListener>();
        Assert.True(await Eventually.TrueAsync(() => listener.IsListening, attempts: 1000), "the revocation listener never started listening");
    }

    private static async Task<int> TerminateListenersAsync(GatewayFactory gateway)
    {
        await using var connection = new NpgsqlConnection(gateway.Postgres!.ConnectionString(gateway.DatabasePath));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = @name AND datname = @db) AS t";
        command.Parameters.AddWithValue("name", RevocationListener.ApplicationName);
        command.Parameters.AddWithValue("db", gateway.DatabasePath);
        return (int)(long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<string> SessionIdAsync(BrowserClient browser)
    {
        var session = await (await browser.GetAsync("/auth/session")).Content.ReadFromJsonAsync<JsonElement>();
        return session.GetProperty("sessionId").GetString()!;
    }
}
