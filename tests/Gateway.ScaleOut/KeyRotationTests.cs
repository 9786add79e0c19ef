using System.Net;
using System.Text.Json;
using Gateway.ScaleOut.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Gateway.ScaleOut;

/// <summary>Signing keys and the Data Protection key ring live in the database: every instance, and every restart, shares them.</summary>
[Collection(ScaleOutClusterDefinition.Name)]
public sealed class KeyRotationTests(ScaleOutCluster cluster)
{
    [Fact]
    public async Task KeysRotateNow_SeenByAllInstances_EachPublishesAndSignsWithTheNewKey()
    {
        var rotate = await cluster.CliAsync(null, "keys", "rotate", "--now");
        var kid = rotate.Out.Split(' ')[1];

        Assert.Equal(0, rotate.ExitCode);
        foreach (var instance in cluster.Instances)
        {
            Assert.True(await Poll.UntilAsync(async () => (await KidsAsync(instance)).Contains(kid), TimeSpan.FromSeconds(10)),
                $"{instance.Name} never published {kid}\n{cluster.Diagnostics()}");
            Assert.Equal(kid, await FreshTokenKidAsync(instance));
        }
    }

    [Fact]
    public async Task Restart_OfOneInstance_LosesNoSessionNoRevocationAndNoKey()
    {
        var restarted = cluster.Instances[1];
        using var live = cluster.Browser();
        (await live.LoginAsync(ScaleOutCluster.UserName, ScaleOutCluster.Password)).EnsureSuccessStatusCode();
        using var revoked = cluster.Browser();
        (await revoked.LoginAsync(ScaleOutCluster.UserName, ScaleOutCluster.Password)).EnsureSuccessStatusCode();
        using var revokedCopy = revoked.CloneInto(cluster.Browser(restarted));
        Assert.Equal(HttpStatusCode.NoContent, (await revoked.PostAsync("/auth/logout")).StatusCode);
        var kidsBefore = await KidsAsync(cluster.Instances[0]);

        await cluster.RestartAsync(restarted);
        using var liveThere = live.CloneInto(cluster.Browser(restarted));

        Assert.Equal(HttpStatusCode.OK, (await liveThere.GetAsync("/api/after-restart")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await liveThere.PostAsync("/auth/refresh")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await revokedCopy.GetAsync("/api/after-restart")).StatusCode);
        Assert.Equal(kidsBefore.Order(), (await KidsAsync(restarted)).Order());
    }

    private async Task<List<string>> KidsAsync(GatewayProcess instance)
    {
        var json = await cluster.Http.GetStringAsync($"{instance.Address}/.well-known/jwks.json");
        return JsonDocument.Parse(json).RootElement.GetProperty("keys").EnumerateArray().Select(key => key.GetProperty("kid").GetString()!).ToList();
    }

    /// <summary>The kid of a token minted now by <paramref name="instance"/>: a login there, then a proxied call the downstream records.</summary>
    private async Task<string> FreshTokenKidAsync(GatewayProcess instance)
    {
        using var browser = cluster.Browser(instance);
        (await browser.LoginAsync(ScaleOutCluster.UserName, ScaleOutCluster.Password)).EnsureSuccessStatusCode();
        var path = $"/api/kid-{Guid.NewGuid():N}";
        (await browser.GetAsync(path)).EnsureSuccessStatusCode();
        return new JsonWebToken(cluster.Downstream.Received.Single(request => request.PathAndQuery == path).BearerToken).Kid;
    }
}
