using System.Net;
using Gateway.Storage;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Admin;

public abstract class UserCommandsTests : ProviderTests
{
    private const string NewPassword = "a brand new passphrase";

    private protected UserCommandsTests(StorageProvider provider)
        : base(provider)
    {
    }

    [Fact]
    public async Task UsersAdd_RolesAndPasswordOnStdin_ExitsZeroAndListShowsUserWithRoles()
    {
        var database = NewDatabase();

        var add = await CliAsync(database, GatewayFactory.Password, "users", "add", "bob", "--role", "admin", "--role", "ops", "--password-stdin");
        var list = await CliAsync(database, null, "users", "list");

        Assert.Equal(0, add.ExitCode);
        Assert.Empty(add.Error);
        Assert.Equal(0, list.ExitCode);
        var bob = Assert.Single(list.Rows, row => row[0] == "bob");
        Assert.Equal("admin,ops", bob[1]);
    }

    [Fact]
    public async Task UsersAdd_NewUser_GatewaySignsThemInWithThatPassword()
    {
        var database = NewDatabase();
        await CliAsync(database, GatewayFactory.Password, "users", "add", "bob", "--password-stdin");
        await using var gateway = NewGateway(databasePath: database);
        using var browser = gateway.CreateBrowser();

        var response = await browser.LoginAsync("bob", GatewayFactory.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("seven77")]
    [InlineData("password123")]
    [InlineData("PASSWORD123")]
    public async Task UsersAdd_WeakPassword_Exits1WithOneErrorLineAndCreatesNoUser(string password)
    {
        var database = NewDatabase();

        var add = await CliAsync(database, password, "users", "add", "bob", "--password-stdin");

        Assert.Equal(1, add.ExitCode);
        Assert.Single(add.ErrorLines);
        Assert.DoesNotContain(password, add.Error, StringComparison.Ordinal);
        Assert.DoesNotContain((await CliAsync(database, null, "users", "list")).Rows, row => row[0] == "bob");
    }

    // The demo password is printed in the README: a gateway holding it refuses to start outside Development.
    [Fact]
    public async Task UsersAdd_PublishedDemoPassword_Exits1WithOneErrorLineAndCreatesNoUser()
    {
        var database = TestDatabase.NewPath();

        var add = await AdminCliRunner.RunAsync(database, "gateway-demo-2026", "users", "add", "demo", "--password-stdin");

        Assert.Equal(1, add.ExitCode);
        Assert.Contains("published", Assert.Single(add.ErrorLines), StringComparison.Ordinal);
        Assert.DoesNotContain((await AdminCliRunner.RunAsync(database, null, "users", "list")).Rows, row => row[0] == "demo");
    }

    // Every role travels in every request's access cookie, which browsers drop past 4,096 characters.
    [Fact]
    public async Task UsersAdd_TwentyOneRoles_Exits1WithOneErrorLineAndCreatesNoUser()
    {
        var database = TestDatabase.NewPath();
        var roles = Enumerable.Range(1, 21).SelectMany(index => new[] { "--role", $"role{index}" });

        var add = await AdminCliRunner.RunAsync(database, GatewayFactory.Password, ["users", "add", "bob", .. roles, "--password-stdin"]);

        Assert.Equal(1, add.ExitCode);
        Assert.Contains("at most 20 roles", Assert.Single(add.ErrorLines), StringComparison.Ordinal);
        Assert.DoesNotContain((await AdminCliRunner.RunAsync(database, null, "users", "list")).Rows, row => row[0] == "bob");
    }

    [Fact]
    public async Task UsersAdd_TwentyRoles_ExitsZero()
    {
        var database = TestDatabase.NewPath();
        var roles = Enumerable.Range(1, 20).SelectMany(index => new[] { "--role", $"role{index}" });

        var add = await AdminCliRunner.RunAsync(database, GatewayFactory.Password, ["users", "add", "bob", .. roles, "--password-stdin"]);

        Assert.Equal(0, add.ExitCode);
    }

    [Fact]
    public async Task UsersAdd_ExistingUserInAnotherCase_Exits1WithOneErrorLine()
    {
        var database = NewDatabase();
        await CliAsync(database, GatewayFactory.Password, "users", "add", "bob", "--password-stdin");

        var again = await CliAsync(database, GatewayFactory.Password, "users", "add", "BOB", "--password-stdin");

        Assert.Equal(1, again.ExitCode);
        Assert.Single(again.ErrorLines);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("\n")]
    public async Task UsersAdd_NoPasswordOnStdin_Exits1WithOneErrorLine(string? standardInput)
    {
        var database = NewDatabase();

        var add = await CliAsync(database, standardInput, "users", "add", "bob", "--password-stdin");

        Assert.Equal(1, add.ExitCode);
        Assert.Single(add.ErrorLines);
    }

    // Passwords never appear in arguments (shell history, process lists): the flag is the only way to give one.
    [Fact]
    public async Task UsersAdd_WithoutPasswordStdinFlag_Exits1WithOneErrorLine()
    {
        var database = NewDatabase();

        var add = await CliAsync(database, GatewayFactory.Password, "users", "add", "bob");

        Assert.Equal(1, add.ExitCode);
        Assert.Single(add.ErrorLines);
    }

    [Theory]
    [InlineData("users", "remove", "ghost")]
    [InlineData("users", "set-password", "ghost", "--password-stdin")]
    public async Task UsersRemoveOrSetPassword_UnknownUser_Exits1WithOneErrorLine(params string[] args)
    {
        var database = NewDatabase();

        var result = await CliAsync(database, NewPassword, args);

        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.ErrorLines);
    }

    [Fact]
    public async Task UsersSetPassword_ExistingUser_GatewayAcceptsOnlyTheNewPassword()
    {
        await using var gateway = NewGateway();
        await gateway.CreateUserAsync("alice");

        var set = await CliAsync(gateway.DatabasePath, NewPassword, "users", "set-password", "alice", "--password-stdin");

        Assert.Equal(0, set.ExitCode);
        using var browser = gateway.CreateBrowser();
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.LoginAsync("alice", GatewayFactory.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.LoginAsync("alice", NewPassword)).StatusCode);
    }

    // How an admin lets a locked-out user back in at once: a new password (the failures were against the old one).
    [Fact]
    public async Task UsersSetPassword_LockedOutUser_SignsInWithTheNewPasswordAtOnce()
    {
        await using var gateway = NewGateway(settings: new() { ["Gateway:Lockout:MaxFailedAttempts"] = "2" });
        await gateway.CreateUserAsync("alice");
        using var browser = gateway.CreateBrowser();
        await browser.LoginAsync("alice", "guess guess guess");
        await browser.LoginAsync("alice", "guess guess guess");
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.LoginAsync("alice", GatewayFactory.Password)).StatusCode);

        await CliAsync(gateway.DatabasePath, NewPassword, "users", "set-password", "alice", "--password-stdin");

        Assert.Equal(HttpStatusCode.OK, (await browser.LoginAsync("alice", NewPassword)).StatusCode);
    }

    [Fact]
    public async Task UsersSetPassword_WeakPassword_Exits1AndKeepsTheOldPassword()
    {
        await using var gateway = NewGateway();
        await gateway.CreateUserAsync("alice");

        var set = await CliAsync(gateway.DatabasePath, "short", "users", "set-password", "alice", "--password-stdin");

        Assert.Equal(1, set.ExitCode);
        Assert.Single(set.ErrorLines);
        using var browser = gateway.CreateBrowser();
        Assert.Equal(HttpStatusCode.OK, (await browser.LoginAsync("alice", GatewayFactory.Password)).StatusCode);
    }

    [Fact]
    public async Task UsersSetPassword_SignedInUser_RunningGatewayRefusesTheOldSession()
    {
        await using var gateway = NewGateway();
        using var browser = await gateway.SignedInBrowserAsync("alice");

        await CliAsync(gateway.DatabasePath, NewPassword, "users", "set-password", "alice", "--password-stdin");
        var response = await AfterRevocationPollAsync(gateway, browser);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task UsersRemove_ExistingUser_ExitsZeroAndListNoLongerShowsThem()
    {
        var database = NewDatabase();
        await CliAsync(database, GatewayFactory.Password, "users", "add", "bob", "--password-stdin");

        var remove = await CliAsync(database, null, "users", "remove", "bob");
        var list = await CliAsync(database, null, "users", "list");

        Assert.Equal(0, remove.ExitCode);
        Assert.DoesNotContain(list.Rows, row => row[0] == "bob");
    }

    [Fact]
    public async Task UsersRemove_SignedInUser_RunningGatewayRefusesTheirSession()
    {
        await using var gateway = NewGateway();
        using var browser = await gateway.SignedInBrowserAsync("alice");

        await CliAsync(gateway.DatabasePath, null, "users", "remove", "alice");
        var response = await AfterRevocationPollAsync(gateway, browser);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>
    /// The CLI is another process as far as the gateway knows: its revocations arrive through the revocation poller,
    /// which ticks every second of the gateway's clock. Until that poll lands, the still-valid access cookie passes.
    /// </summary>
    private static async Task<HttpResponseMessage> AfterRevocationPollAsync(GatewayFactory gateway, BrowserClient browser)
    {
        gateway.Clock.Advance(TimeSpan.FromSeconds(1.5));
        return await Eventually.WaitForAsync(
            () => browser.GetAsync("/auth/session"),
            response => response.StatusCode != HttpStatusCode.OK);
    }

    public sealed class OnSqlite() : UserCommandsTests(StorageProvider.Sqlite);

    public sealed class OnPostgres() : UserCommandsTests(StorageProvider.Postgres);
}
