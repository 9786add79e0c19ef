using System.Net;
using Gateway.Observability;
using Gateway.Storage;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Observability;

/// <summary>/readyz asks the database at most once per second, however many probes arrive together.</summary>
public sealed class DatabaseHealthCheckTests
{
    [Fact]
    public async Task Readyz_TwentyConcurrentProbes_ShareOneDatabaseQuery()
    {
        await using var gateway = new GatewayFactory();
        using var client = gateway.CreateBrowser();
        var database = gateway.Services.GetRequiredService<GatewayDatabase>();
        var before = database.CommandsExecuted;

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.GetAsync("/readyz")));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.StatusCode));
        Assert.Equal(1, database.CommandsExecuted - before);
    }

    [Fact]
    public async Task Readyz_AfterTheCachePeriod_AsksTheDatabaseAgain()
    {
        // Nothing else reads the database when the clock moves.
        await using var gateway = new GatewayFactory(settings: new()
        {
            ["Gateway:Sessions:RevocationPollInterval"] = "01:00:00",
            ["Gateway:Tokens:KeyRingRefreshInterval"] = "01:00:00",
        });
        using var client = gateway.CreateBrowser();
        var database = gateway.Services.GetRequiredService<GatewayDatabase>();
        await client.GetAsync("/readyz");
        var before = database.CommandsExecuted;

        gateway.Clock.Advance(DatabaseHealthCheck.CacheFor);
        await client.GetAsync("/readyz");

        Assert.Equal(1, database.CommandsExecuted - before);
    }
}
