using System.Net;
using Gateway.Storage;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Admin;

public abstract class SessionCommandsTests : ProviderTests
{
    private protected SessionCommandsTests(StorageProvider provider)
        : base(provider)
    {
    }

    [Fact]
    public async Task SessionsList_ShowsLiveSessionsWithTheirUser()
    {
        await using var gateway = NewGateway();
        using var alice = await gateway.SignedInBrowserAsync("alice");
        using var bob = await gateway.SignedInBrowserAsync("bob");

        var result = await CliAsync(gateway.DatabasePath, null, "sessions", "list");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["ID", "USER"], result.Rows[0][..2]);
        Assert.Contains(result.Rows, row => row[0] == SessionIdOf(alice, gateway) && row[1] == "alice");
        Assert.Contains(result.Rows, row => row[1] == "bob");
    }

    // A User-Agent is whatever the client sent; printed raw, its escape sequences would drive the admin's terminal.
    [Fact]
    public async Task SessionsList_UserAgentWithTerminalEscapes_PrintsThemEscaped()
    {
        await using var gateway = new GatewayFactory();
        await gateway.CreateUserAsync("alice");
        using var browser = gateway.CreateBrowser();
        browser.UserAgent = "Mozilla\u001b]0;owned\u0007\u001b[2J\u009b31m";
        (await browser.LoginAsync("alice", GatewayFactory.Password)).EnsureSuccessStatusCode();

        var result = await AdminCliRunner.RunAsync(gateway.DatabasePath, null, "sessions", "list");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain(result.Out, c => char.IsControl(c) && c is not '\n' and not '\r');
        Assert.Contains(@"Mozilla\x1B]0;owned\x07\x1B[2J\x9B31m", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionsList_ForOneUser_ShowsOnlyTheirs()
    {
        await using var gateway = NewGateway();
        using var alice = await gateway.SignedInBrowserAsync("alice");
        using var bob = await gateway.SignedInBrowserAsync("bob");

        var result = await CliAsync(gateway.DatabasePath, null, "sessions", "list", "--user", "bob");

        Assert.Equal(0, result.ExitCode);
        Assert.All(result.Rows.Skip(1), row => Assert.Equal("bob", row[1]));
        Assert.Equal(2, result.Rows.Count);
    }

    [Fact]
    public async Task SessionsRevoke_OneSession_EndsItOnTheRunningGatewayAndKeepsTheOthers()
    {
        await using var gateway = NewGateway();
        using var laptop = await gateway.SignedInBrowserAsync("alice");
        using var phone = gateway.CreateBrowser();
        await phone.LoginAsync("alice", GatewayFactory.Password);

        var result = await CliAsync(gateway.DatabasePath, null, "sessions", "revoke", "--session", SessionIdOf(phone, gateway));
        gateway.Clock.Advance(TimeSpan.FromSeconds(1.5));
        var refused = await Eventually.WaitForAsync(() => phone.GetAsync("/auth/session"), response => response.StatusCode != HttpStatusCode.OK);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/auth/session")).StatusCode);
    }

    [Fact]
    public async Task SessionsRevoke_AUsersSessions_EndsAllOfThem()
    {
        await using var gateway = NewGateway();
        using var laptop = await gateway.SignedInBrowserAsync("alice");
        using var phone = gateway.CreateBrowser();
        await phone.LoginAsync("alice", GatewayFactory.Password);

        var result = await CliAsync(gateway.DatabasePath, null, "sessions", "revoke", "--user", "alice");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("2 session(s) revoked", result.Out, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.PostAsync("/auth/refresh")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await laptop.PostAsync("/auth/refresh")).StatusCode);
    }

    [Theory]
    [InlineData("sessions", "revoke")]
    [InlineData("sessions", "revoke", "--user", "alice", "--session", "x")]
    [InlineData("sessions", "revoke", "--session", "no-such-session")]
    [InlineData("sessions", "revoke", "--user", "nobody")]
    public async Task SessionsRevoke_WrongArguments_Exit1WithOneLine(params string[] args)
    {
        await using var gateway = NewGateway();
        await gateway.CreateUserAsync("alice");

        var result = await CliAsync(gateway.DatabasePath, null, args);

        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.ErrorLines);
    }

    [Fact]
    public async Task AuditList_AfterSignInAndRevocation_ShowsThoseEventsForTheUser()
    {
        await using var gateway = NewGateway();
        using var alice = await gateway.SignedInBrowserAsync("alice");
        using var mallory = gateway.CreateBrowser();
        await mallory.LoginAsync("alice", "wrong password!");
        await alice.PostAsync("/auth/logout");

        var result = await CliAsync(gateway.DatabasePath, null, "audit", "list", "--user", "alice");

        Assert.Equal(0, result.ExitCode);
        var types = result.Rows.Skip(1).Select(row => row[2]).ToList();
        Assert.Contains("login.succeeded", types);
        Assert.Contains("login.failed", types);
        Assert.Contains("session.revoked", types);
        Assert.DoesNotContain(GatewayFactory.Password, result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong password!", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditList_SinceInTheFuture_ShowsNothing()
    {
        await using var gateway = NewGateway();
        using var alice = await gateway.SignedInBrowserAsync("alice");

        var result = await CliAsync(gateway.DatabasePath, null, "audit", "list", "--since", "2999-01-01T00:00Z");

        Assert.Equal(0, result.ExitCode);
        Assert.Single(result.Rows);
    }

    private static string SessionIdOf(BrowserClient browser, GatewayFactory gateway) =>
        gateway.Services.GetRequiredService<Gateway.Sessions.SessionCookieProtector>().UnprotectAccess(browser.Cookies[gateway.AccessCookieName])!.SessionId;

    public sealed class OnSqlite() : SessionCommandsTests(StorageProvider.Sqlite);

    public sealed class OnPostgres() : SessionCommandsTests(StorageProvider.Postgres);
}
