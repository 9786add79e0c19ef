using BenchmarkDotNet.Attributes;
using Gateway.Sessions;
using Gateway.Sessions.Login;
using Gateway.Sessions.Refresh;
using Gateway.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Benchmarks;

/// <summary>The refresh path's database work on SQLite: the read that decides and the write that rotates.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class RefreshPathBenchmarks
{
    private BenchmarkGateway _gateway = null!;
    private RefreshTokenStore _store = null!;
    private string _currentHash = null!;
    private string _sessionId = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _gateway = await BenchmarkGateway.StartAsync(Tokens.SigningAlgorithms.RS256);
        _store = _gateway.Services.GetRequiredService<RefreshTokenStore>();
        await using var scope = _gateway.Services.CreateAsyncScope();
        var user = (await scope.ServiceProvider.GetRequiredService<UserService>().CreateAsync("alice", [], "benchmark passphrase 1", false, default)).User!;
        var session = await scope.ServiceProvider.GetRequiredService<SessionStarter>().StartAsync(user, new SessionRequestInfo("127.0.0.1", "bench"), default);
        _sessionId = session.Ticket.SessionId;
        _currentHash = RefreshTokenValue.Hash(_gateway.Services.GetRequiredService<SessionCookieProtector>().UnprotectRefresh(session.RefreshCookie)!);
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _gateway.DisposeAsync();

    [Benchmark]
    public async Task<bool> FindToken() => await _store.FindAsync(_currentHash, default) is not null;

    /// <summary>Consume the current token and insert its successor: the write every rotation makes.</summary>
    [Benchmark]
    public async Task<bool> RotateToken()
    {
        var next = RefreshTokenValue.Hash(RefreshTokenValue.New());
        var now = DateTimeOffset.UtcNow;
        var won = await _store.TryRotateAsync(
            new RotationWrite(_currentHash, _sessionId, next, "cookies", now, now.AddDays(7), new SessionRequestInfo("127.0.0.1", "bench")), default);
        _currentHash = next;
        return won;
    }
}
