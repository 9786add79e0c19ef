using System.Net;
using Gateway.Storage;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Gateway.Tests.Sessions;

/// <summary>
/// A PostgreSQL server that answers but refuses writes (a demoted primary, a standby, a failover in progress) is a
/// database fault like any other: 503 with Retry-After, the session and cookies kept, /readyz 503; and once it takes
/// writes again, everything works with the same cookies. The database is made read-only for new connections
/// (<c>ALTER DATABASE ... SET default_transaction_read_only</c>) and the gateway's pool emptied.
/// </summary>
public sealed class ReadOnlyDatabaseTests : IAsyncLifetime
{
    private RecordingDownstream _downstream = null!;

    public async Task InitializeAsync() => _downstream = await RecordingDownstream.StartAsync();

    public async Task DisposeAsync() => await _downstream.DisposeAsync();

    [Fact]
    public async Task ReadOnly_EveryPathThatWrites_Answers503WithRetryAfterAndKeepsCookies()
    {
        await using var gateway = new GatewayFactory(_downstream, provider: StorageProvider.Postgres);
        using var browser = await gateway.SignedInBrowserAsync();
        using var expired = browser.CloneInto(gateway.CreateBrowser());
        expired.Cookies.Remove(gateway.AccessCookieName);
        using var stranger = gateway.CreateBrowser();
        var cookiesBefore = new Dictionary<string, string>(browser.Cookies);

        await SetReadOnlyAsync(gateway, true);
        var answers = new Dictionary<string, HttpResponseMessage>
        {
            ["login"] = await stranger.LoginAsync("alice", GatewayFactory.Password),
            ["refresh"] = await browser.PostAsync("/auth/refresh"),
            ["proxied refresh"] = await expired.GetAsync("/api/orders"),
            ["password"] = await browser.PostAsync("/auth/password", new { currentPassword = GatewayFactory.Password, newPassword = "a brand new passphrase" }),
            ["logout"] = await browser.PostAsync("/auth/logout"),
            ["readyz"] = await browser.GetAsync("/readyz"),
        };

        Assert.All(answers, answer => Assert.True(answer.Value.StatusCode == HttpStatusCode.ServiceUnavailable,
            $"{answer.Key}: {(int)answer.Value.StatusCode}"));
        Assert.All(answers.Where(answer => answer.Key != "readyz"), answer =>
        {
            Assert.NotNull(answer.Value.Headers.RetryAfter);
            Assert.False(answer.Value.Headers.Contains("Set-Cookie"), answer.Key);
        });
        Assert.Equal(cookiesBefore, browser.Cookies);
        Assert.Empty(_downstream.Received);
    }

    [Fact]
    public async Task ReadOnlyThenWritableAgain_TheSameCookiesWorkAndNothingWasChanged()
    {
        await using var gateway = new GatewayFactory(_downstream, provider: StorageProvider.Postgres);
        using var browser = await gateway.SignedInBrowserAsync();
        await SetReadOnlyAsync(gateway, true);
        await browser.PostAsync("/auth/password", new { currentPassword = GatewayFactory.Password, newPassword = "a brand new passphrase" });
        await browser.PostAsync("/auth/logout");

        await SetReadOnlyAsync(gateway, false);
        gateway.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync("/auth/refresh")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/orders")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/readyz")).StatusCode);
        using var other = gateway.CreateBrowser();
        Assert.Equal(HttpStatusCode.OK, (await other.LoginAsync("alice", GatewayFactory.Password)).StatusCode);
    }

    private static async Task SetReadOnlyAsync(GatewayFactory gateway, bool readOnly)
    {
        await using (var connection = new NpgsqlConnection(gateway.Postgres!.ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            // Names come from the tests (gw_ and hex digits).
            command.CommandText = readOnly
                ? $"ALTER DATABASE \"{gateway.DatabasePath}\" SET default_transaction_read_only = on"
                : $"ALTER DATABASE \"{gateway.DatabasePath}\" RESET default_transaction_read_only";
            await command.ExecuteNonQueryAsync();
        }

        // The setting applies to new connections: the gateway's pool starts afresh, as after a failover.
        gateway.Services.GetRequiredService<GatewayDatabase>().DataSource.Clear();
    }
}
