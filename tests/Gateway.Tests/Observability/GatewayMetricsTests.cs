using System.Net;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Observability;

/// <summary>What an operator's dashboard counts: each security outcome once, under its outcome or reason.</summary>
public sealed class GatewayMetricsTests : IAsyncLifetime
{
    private RecordingDownstream _downstream = null!;

    public async Task InitializeAsync() => _downstream = await RecordingDownstream.StartAsync();

    public async Task DisposeAsync() => await _downstream.DisposeAsync();

    [Fact]
    public async Task Logins_CountedByOutcome()
    {
        await using var gateway = new GatewayFactory();
        await gateway.CreateUserAsync("alice");
        using var metrics = new MetricRecorder(gateway.Services);
        using var browser = gateway.CreateBrowser();

        await browser.LoginAsync("alice", "not the password");
        await browser.LoginAsync("alice", "not the password either");
        await browser.LoginAsync("alice", GatewayFactory.Password);

        Assert.Equal(2, metrics.Sum("gateway.logins", "failed"));
        Assert.Equal(1, metrics.Sum("gateway.logins", "succeeded"));
    }

    [Fact]
    public async Task Logout_CountsOneRevocationWithItsReason()
    {
        await using var gateway = new GatewayFactory();
        using var browser = await gateway.SignedInBrowserAsync();
        using var metrics = new MetricRecorder(gateway.Services);

        var response = await browser.PostAsync("/auth/logout");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(1, metrics.Sum("gateway.sessions.revoked", "logout"));
    }

    [Fact]
    public async Task ProtectedRoute_Refusals_CountedByReason()
    {
        await using var gateway = new GatewayFactory(_downstream);
        using var metrics = new MetricRecorder(gateway.Services);
        using var anonymous = gateway.CreateBrowser();
        using var crossSite = gateway.CreateBrowser();
        crossSite.SendCsrfHeader = false;

        await anonymous.GetAsync("/api/me");
        await crossSite.GetAsync("/api/me");

        Assert.Equal(1, metrics.Sum("gateway.requests.refused", "unauthenticated"));
        Assert.Equal(1, metrics.Sum("gateway.requests.refused", "csrf"));
        Assert.Empty(_downstream.Received);
    }

    [Fact]
    public async Task Refresh_CountedOncePerRotation()
    {
        await using var gateway = new GatewayFactory();
        using var browser = await gateway.SignedInBrowserAsync();
        using var metrics = new MetricRecorder(gateway.Services);

        await browser.PostAsync("/auth/refresh");

        Assert.Equal(1, metrics.Sum("gateway.refreshes", "rotated"));
    }
}
