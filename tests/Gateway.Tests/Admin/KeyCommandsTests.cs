using Gateway.Storage;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Gateway.Tests.Admin;

/// <summary>
/// The CLI rotates and revokes keys in the database on the real clock; a running gateway on the same file picks them
/// up when its key ring reloads (every second of its fake clock), and serves the JWKS from that ring. Tests bring the
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

    // Contract: "a new key is published at once" (before the CLI exits): Admin/KeyCommandsProcessTests, on real processes.

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

    // A thief holding the key mints tokens that verify wherever the JWKS lists it: it must leave at once.
    [Fact]
    public async Task KeysRevoke_SigningKey_LeavesTheJwksAndAReplacementSigns()
    {
        await using var gateway = NewGateway(_downstream);
        await gateway.CreateUserAsync("alice");
        var revokedKid = await NewestKidAsync(gateway);

        var revoke = await CliAsync(gateway.DatabasePath, null, "keys", "revoke", revokedKid);
        var replacementKid = await NewestKidAsync(gateway);
        var published = await AfterKeyRingReloadAsync(gateway, replacementKid, further: TimeSpan.Zero);

        Assert.Equal(0, revoke.ExitCode);
        Assert.Contains(replacementKid, revoke.Out, StringComparison.Ordinal);
        Assert.NotEqual(revokedKid, replacementKid);
        // Only the revoked key goes: a key retired before it may still be published (its tokens may be live).
        Assert.DoesNotContain(revokedKid, published);
        Assert.Contains(replacementKid, published);
        Assert.Equal(replacementKid, await FreshTokenKidAsync(gateway));
    }

    // Contract: "a live access token it signed is treated as expired (refreshed transparently on the next request)".
    [Fact]
    public async Task KeysRevoke_LiveCookieSignedByTheKey_NextRequestRefreshesTransparentlyUnderTheNewKey()
    {
        await using var gateway = NewGateway(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();
        (await browser.GetAsync("/api/before")).EnsureSuccessStatusCode();
        var revokedKid = new JsonWebToken(_downstream.Received.Last().BearerToken).Kid;
        var oldRefresh = browser.Cookies[gateway.RefreshCookieName];

        await CliAsync(gateway.DatabasePath, null, "keys", "revoke", revokedKid);
        var replacementKid = await NewestKidAsync(gateway);
        await AfterKeyRingReloadAsync(gateway, replacementKid, further: TimeSpan.Zero);
        var response = await browser.GetAsync("/api/after");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(browser.LastSetCookies, cookie => cookie.Name == gateway.AccessCookieName);
        Assert.NotEqual(oldRefresh, browser.Cookies[gateway.RefreshCookieName]);
        var forwarded = _downstream.Received.Last();
        Assert.Equal("/api/after", forwarded.PathAndQuery);
        Assert.Equal(replacementKid, new JsonWebToken(forwarded.BearerToken).Kid);
        Assert.True((await Jwks.ValidateAsync(gateway, forwarded.BearerToken!, "backend-api")).IsValid);
    }

    // The access cookie was signed by the older key; the bearer for the route's audience was minted (and kept) under the
    // key revoked since: it is minted again, never forwarded.
    [Fact]
    public async Task KeysRevoke_KeyThatSignedAKeptBearerForAnotherAudience_ThatBearerIsNotForwardedAgain()
    {
        await using var gateway = NewGateway(_downstream);
        using var browser = await gateway.SignedInBrowserAsync();
        await CliAsync(gateway.DatabasePath, null, "keys", "rotate", "--now");
        await AfterKeyRingReloadAsync(gateway, await NewestKidAsync(gateway), further: TimeSpan.Zero);
        (await browser.GetAsync("/api/before")).EnsureSuccessStatusCode();
        var revokedKid = new JsonWebToken(_downstream.Received.Last().BearerToken).Kid;

        await CliAsync(gateway.DatabasePath, null, "keys", "revoke", revokedKid);
        var replacementKid = await NewestKidAsync(gateway);
        await AfterKeyRingReloadAsync(gateway, replacementKid, further: TimeSpan.Zero);
        (await browser.GetAsync("/api/after")).EnsureSuccessStatusCode();

        Assert.Equal(replacementKid, new JsonWebToken(_downstream.Received.Last().BearerToken).Kid);
    }

    // A retired key's tokens may still be live; revoking it must not disturb the key signing now.
    [Fact]
    public async Task KeysRevoke_RetiredKey_LeavesTheJwksAndTheSignerGoesOn()
    {
        await using var gateway = NewGateway(_downstream);
        await gateway.CreateUserAsync("alice");
        var retiredKid = await NewestKidAsync(gateway);
        await CliAsync(gateway.DatabasePath, null, "keys", "rotate", "--now");
        var signerKid = await NewestKidAsync(gateway);

        var revoke = await CliAsync(gateway.DatabasePath, null, "keys", "revoke", retiredKid);
        gateway.Clock.SetUtcNow(DateTimeOffset.UtcNow + KeyRingRefreshInterval);
        var published = await Eventually.WaitForAsync(
            async () => (await Jwks.FetchAsync(gateway)).Keys.Select(key => key.Kid).ToList(),
            kids => !kids.Contains(retiredKid));

        Assert.Equal(0, revoke.ExitCode);
        Assert.Equal(signerKid, await NewestKidAsync(gateway));
        Assert.DoesNotContain(retiredKid, published);
        Assert.Contains(signerKid, published);
        Assert.Equal(signerKid, await FreshTokenKidAsync(gateway));
    }

    [Fact]
    public async Task KeysList_AfterRevoke_ShowsTheKeyRevoked()
    {
        var database = NewDatabase();
        await CliAsync(database, null, "keys", "rotate", "--now");
        var list = await CliAsync(database, null, "keys", "list");
        var firstKid = list.Rows[1][0];

        await CliAsync(database, null, "keys", "revoke", firstKid);
        var after = await CliAsync(database, null, "keys", "list");

        var statusByKid = after.Rows.Skip(1).ToDictionary(row => row[0], row => row[^1], StringComparer.Ordinal);
        Assert.Equal("revoked", statusByKid[firstKid]);
        Assert.Equal(1, statusByKid.Values.Count(status => status == "active"));
    }

    [Fact]
    public async Task KeysRevoke_UnknownKid_Exits1WithOneLine()
    {
        var database = NewDatabase();
        await CliAsync(database, null, "keys", "list");

        var revoke = await CliAsync(database, null, "keys", "revoke", "no-such-kid");

        Assert.Equal(1, revoke.ExitCode);
        Assert.Contains("no-such-kid", Assert.Single(revoke.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeysRevoke_Twice_SecondSaysAlreadyRevokedAndAddsNoKey()
    {
        var database = NewDatabase();
        await CliAsync(database, null, "keys", "rotate", "--now");
        var kid = (await CliAsync(database, null, "keys", "list")).Rows[1][0];
        await CliAsync(database, null, "keys", "revoke", kid);
        var keysBefore = (await CliAsync(database, null, "keys", "list")).Rows.Count;

        var again = await CliAsync(database, null, "keys", "revoke", kid);

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("already revoked", again.Out, StringComparison.Ordinal);
        Assert.Equal(keysBefore, (await CliAsync(database, null, "keys", "list")).Rows.Count);
    }

    private static Task<string> NewestKidAsync(GatewayFactory gateway) =>
        gateway.WithDbAsync(db => db.Set<SigningKey>().OrderByDescending(key => key.Generation).Select(key => key.Kid).FirstAsync());

    /// <summary>
    /// Moves the gateway's clock past the CLI's real "now" plus <paramref name="further"/> and one key ring reload (and at
    /// least one reload past where it was),
    /// then waits for that reload to publish <paramref name="kid"/>. Answers the kids the JWKS then publishes.
    /// </summary>
    private static async Task<IReadOnlyList<string>> AfterKeyRingReloadAsync(GatewayFactory gateway, string kid, TimeSpan further)
    {
        // At least one whole interval past the gateway's own clock too: a second call soon after a first must still reload.
        var target = DateTimeOffset.UtcNow + further + KeyRingRefreshInterval;
        var afterNextReload = gateway.Clock.GetUtcNow() + KeyRingRefreshInterval;
        gateway.Clock.SetUtcNow(target > afterNextReload ? target : afterNextReload);
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
