using Gateway.Storage;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Gateway.Tests.Admin;

/// <summary>
/// The CLI rotates keys in the database on the real clock; a running gateway on the same file picks them up when
/// its key ring reloads (every second of its fake clock); the JWKS reads the database itself. Tests bring the
/// gateway's clock past the CLI's "now" first.
/// </summary>
public abstract class KeyCommandsTests : ProviderTests, IAsyncLifetime
{
    private static readonly TimeSpan KeyRingRefreshInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan KeyPublicationDelay = TimeSpan.FromMinutes(10);

    private RecordingDownstream _downstream = null!;

    private protected KeyCommandsTests(StorageProvider provider)
        : base(provider)
    {
    }

    public async Task InitializeAsync() => _downstream = await RecordingDownstream.StartAsync();

    public async Task DisposeAsync() => await _downstream.DisposeAsync();

    [Fact]
    public async Task KeysRotate_RunningGateway_PublishesNewKeyAlongsideOldAfterKeyRingReload()
    {
        await using var gateway = NewGateway(_downstream);
        var oldKid = await NewestKidAsync(gateway);

        var rotate = await CliAsync(gateway.DatabasePath, null, "keys", "rotate");
        var newKid = await NewestKidAsync(gateway);
        var published = await AfterKeyRingReloadAsync(gateway, newKid, further: TimeSpan.Zero);

        Assert.Equal(0, rotate.ExitCode);
        Assert.NotEqual(oldKid, newKid);
        Assert.Equal([oldKid, newKid], published);
    }

    // Contract: "a new key is published at once". The gateway's clock does not move: no reload happens meanwhile.
    [Fact]
    public async Task KeysRotate_RunningGateway_PublishesTheNewKeyAtOnce()
    {
        await using var gateway = new GatewayFactory(_downstream);
        var oldKid = await NewestKidAsync(gateway);

        await AdminCliRunner.RunAsync(gateway.DatabasePath, null, "keys", "rotate");
        var published = (await Jwks.FetchAsync(gateway)).Keys.Select(key => key.Kid).ToList();

        Assert.Equal([oldKid, await NewestKidAsync(gateway)], published);
    }

    // The gateway's clock runs a minute ahead of the CLI's, so the new key is active for it as soon as it is loaded.
    [Fact]
    public async Task KeysRotateNow_RunningGateway_SignsWithinOneSecond()
    {
        await using var gateway = new GatewayFactory(_downstream, clock: new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(1)));
        await gateway.CreateUserAsync("alice");
        await AdminCliRunner.RunAsync(gateway.DatabasePath, null, "keys", "rotate", "--now");
        var newKid = await NewestKidAsync(gateway);

        gateway.Clock.Advance(TimeSpan.FromSeconds(1));
        var kid = await Eventually.WaitForAsync(() => FreshTokenKidAsync(gateway), signed => signed == newKid, attempts: 50);

        Assert.Equal(newKid, kid);
    }

    [Fact]
    public async Task KeysRotate_BeforePublicationDelay_NewTokensCarryOldKid()
    {
        await using var gateway = NewGateway(_downstream);
        await gateway.CreateUserAsync("alice");
        var oldKid = await NewestKidAsync(gateway);
        await CliAsync(gateway.DatabasePath, null, "keys", "rotate");
        await AfterKeyRingReloadAsync(gateway, await NewestKidAsync(gateway), further: TimeSpan.Zero);

        var kid = await FreshTokenKidAsync(gateway);

        Assert.Equal(oldKid, kid);
    }

    [Fact]
    public async Task KeysRotate_AfterPublicationDelay_NewTokensCarryNewKid()
    {
        await using var gateway = NewGateway(_downstream);
        await gateway.CreateUserAsync("alice");
        await CliAsync(gateway.DatabasePath, null, "keys", "rotate");
        var newKid = await NewestKidAsync(gateway);
        await AfterKeyRingReloadAsync(gateway, newKid, further: KeyPublicationDelay);

        var kid = await FreshTokenKidAsync(gateway);

        Assert.Equal(newKid, kid);
    }

    [Fact]
    public async Task KeysRotateNow_RunningGateway_NewTokensCarryNewKid()
    {
        await using var gateway = NewGateway(_downstream);
        await gateway.CreateUserAsync("alice");

        var rotate = await CliAsync(gateway.DatabasePath, null, "keys", "rotate", "--now");
        var newKid = await NewestKidAsync(gateway);
        await AfterKeyRingReloadAsync(gateway, newKid, further: TimeSpan.Zero);
        var kid = await FreshTokenKidAsync(gateway);

        Assert.Equal(0, rotate.ExitCode);
        Assert.Equal(newKid, kid);
    }

    // Downstreams still hold tokens the old key signed: it stays published until they have expired.
    [Fact]
    public async Task KeysRotateNow_RunningGateway_KeepsOldKeyPublished()
    {
        await using var gateway = NewGateway(_downstream);
        var oldKid = await NewestKidAsync(gateway);

        await CliAsync(gateway.DatabasePath, null, "keys", "rotate", "--now");
        var published = await AfterKeyRingReloadAsync(gateway, await NewestKidAsync(gateway), further: TimeSpan.Zero);

        Assert.Contains(oldKid, published);
    }

    [Fact]
    public async Task KeysList_AfterRotations_ShowsRetiredActiveAndPendingKeys()
    {
        var database = NewDatabase();
        await CliAsync(database, null, "keys", "rotate", "--now");
        await CliAsync(database, null, "keys", "rotate", "--now");
        await CliAsync(database, null, "keys", "rotate");

        var list = await CliAsync(database, null, "keys", "list");

        Assert.Equal(0, list.ExitCode);
        var statusByGeneration = list.Rows.Skip(1).ToDictionary(row => row[2], row => row[^1], StringComparer.Ordinal);
        Assert.Equal("retired", statusByGeneration["1"]);
        Assert.Equal("active", statusByGeneration["2"]);
        Assert.Equal("pending", statusByGeneration["3"]);
    }

    private static Task<string> NewestKidAsync(GatewayFactory gateway) =>
        gateway.WithDbAsync(db => db.Set<SigningKey>().OrderByDescending(key => key.Generation).Select(key => key.Kid).FirstAsync());

    /// <summary>
    /// Moves the gateway's clock past the CLI's real "now" plus <paramref name="further"/> and one key ring reload,
    /// then waits for that reload to publish <paramref name="kid"/>. Answers the kids the JWKS then publishes.
    /// </summary>
    private static async Task<IReadOnlyList<string>> AfterKeyRingReloadAsync(GatewayFactory gateway, string kid, TimeSpan further)
    {
        gateway.Clock.SetUtcNow(DateTimeOffset.UtcNow + further + KeyRingRefreshInterval);
        var published = await Eventually.WaitForAsync(
            async () => (await Jwks.FetchAsync(gateway)).Keys.Select(key => key.Kid).ToList(),
            kids => kids.Contains(kid));

        // Every test here depends on the reload having happened; say so plainly if it did not.
        Assert.Contains(kid, published);
        return published;
    }

    /// <summary>The kid of a token minted now: a new login, then a proxied call whose bearer the downstream records.</summary>
    private async Task<string> FreshTokenKidAsync(GatewayFactory gateway)
    {
        using var browser = gateway.CreateBrowser();
        (await browser.LoginAsync("alice", GatewayFactory.Password)).EnsureSuccessStatusCode();
        (await browser.GetAsync("/api/x")).EnsureSuccessStatusCode();
        return new JsonWebToken(_downstream.Received.Last().BearerToken).Kid;
    }

    public sealed class OnSqlite() : KeyCommandsTests(StorageProvider.Sqlite);

    public sealed class OnPostgres() : KeyCommandsTests(StorageProvider.Postgres);
}
