using Gateway.Tests.Infrastructure;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Tests.Admin;

/// <summary>
/// "Published at once" and "out of the JWKS at once" as an operator sees them: a real gateway process on its real
/// clock serves the JWKS from its key ring in memory, and the CLI returns only once that ring has reloaded. Real
/// time passes here (the gateway's start, the CLI's two reload intervals of 1 s), always bounded.
/// </summary>
public sealed class KeyCommandsProcessTests
{
    private static readonly Dictionary<string, string?> GatewaysInterval = new() { ["Gateway:Tokens:KeyRingRefreshInterval"] = "00:00:01" };

    [Fact]
    public async Task KeysRevokeThenRotate_RunningGatewayProcess_JwksShowsEachChangeAsSoonAsTheCommandExits()
    {
        var database = TestDatabase.NewPath();
        var port = DotnetProcess.FreeTcpPort();
        await using var gateway = DotnetProcess.Start("Gateway.dll", new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ConnectionStrings__Gateway"] = $"Data Source={database}",
        });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await gateway.WaitUntilAnswersAsync($"http://127.0.0.1:{port}/.well-known/jwks.json");
        var revokedKid = Assert.Single(await PublishedKidsAsync(http));

        var revoke = await AdminCliRunner.RunWithSettingsAsync(database, GatewaysInterval, null, "keys", "revoke", revokedKid);
        var afterRevoke = await PublishedKidsAsync(http);
        var rotate = await AdminCliRunner.RunWithSettingsAsync(database, GatewaysInterval, null, "keys", "rotate");
        var afterRotate = await PublishedKidsAsync(http);

        Assert.True(revoke.ExitCode == 0, revoke.Error);
        Assert.True(rotate.ExitCode == 0, rotate.Error);
        var replacementKid = Assert.Single(afterRevoke);
        Assert.NotEqual(revokedKid, replacementKid);
        Assert.Contains(replacementKid, revoke.Out, StringComparison.Ordinal);
        Assert.Equal(2, afterRotate.Count);
        Assert.Contains(replacementKid, afterRotate);
        Assert.DoesNotContain(revokedKid, afterRotate);
    }

    /// <summary>The kids the gateway publishes now.</summary>
    private static async Task<IReadOnlyList<string>> PublishedKidsAsync(HttpClient http) =>
        new JsonWebKeySet(await http.GetStringAsync("/.well-known/jwks.json")).Keys.Select(key => key.Kid).ToList();
}
