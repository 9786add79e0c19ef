using Gateway.Hosting;
using Gateway.Sessions;
using Gateway.Storage;
using Gateway.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Benchmarks;

/// <summary>The real gateway's services on a temporary database, built but not serving: what the micro-benchmarks call.</summary>
internal sealed class BenchmarkGateway : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _folder;

    private BenchmarkGateway(WebApplication app, string folder)
    {
        _app = app;
        _folder = folder;
    }

    public IServiceProvider Services => _app.Services;

    public static async Task<BenchmarkGateway> StartAsync(string algorithm)
    {
        var folder = Directory.CreateTempSubdirectory("gateway-micro-").FullName;
        var app = GatewayApplication.Build(
        [
            $"--ConnectionStrings:Gateway=Data Source={Path.Combine(folder, "gateway.db")}",
            $"--Gateway:Tokens:SigningAlgorithm={algorithm}",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await DatabaseMigrator.MigrateAsync(app.Services, default);
        await app.Services.GetRequiredService<SigningKeyRing>().InitializeAsync(default);
        return new BenchmarkGateway(app, folder);
    }

    /// <summary>A session's access ticket and cookie, as a login would issue them.</summary>
    public IssuedSession Issue(string audience)
    {
        var now = TimeProvider.System.GetUtcNow();
        var issued = Services.GetRequiredService<SessionIssuer>()
            .Issue("0192f7c4-1111-7000-8000-000000000001", "alice", ["user", "admin"], "bench-session-id-0001", now.AddDays(30), now, audience);
        return issued.Session;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
