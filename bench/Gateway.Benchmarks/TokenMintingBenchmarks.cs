using BenchmarkDotNet.Attributes;
using Gateway.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Benchmarks;

/// <summary>The refresh path's signing cost, per algorithm (once per refresh; downstreams verify every request).</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class TokenMintingBenchmarks
{
    private BenchmarkGateway _gateway = null!;
    private AccessTokenIssuer _issuer = null!;
    private AccessTokenClaims _claims = null!;

    [Params(SigningAlgorithms.RS256, SigningAlgorithms.ES256)]
    public string Algorithm { get; set; } = SigningAlgorithms.RS256;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _gateway = await BenchmarkGateway.StartAsync(Algorithm);
        _issuer = _gateway.Services.GetRequiredService<AccessTokenIssuer>();
        var now = DateTimeOffset.UtcNow;
        _claims = new AccessTokenClaims("0192f7c4-1111-7000-8000-000000000001", "alice", ["user", "admin"], "bench-session-id-0001", now, now.AddMinutes(5));
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _gateway.DisposeAsync();

    [Benchmark]
    public string MintAccessToken() => _issuer.Mint(_claims, "api");

    /// <summary>A whole issuance as a rotation does it: token, ticket, both cookies protected.</summary>
    [Benchmark]
    public string IssueSession() => _gateway.Issue("api").AccessCookie;
}
