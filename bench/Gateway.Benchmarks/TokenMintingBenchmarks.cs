using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Gateway.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Benchmarks;

/// <summary>
/// The refresh path's signing cost, per algorithm (once per refresh), and what it costs a downstream API to verify
/// the token (on every request it receives): the two sides of choosing an algorithm.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class TokenMintingBenchmarks
{
    private BenchmarkGateway _gateway = null!;
    private AccessTokenIssuer _issuer = null!;
    private AccessTokenClaims _claims = null!;
    private string _jwt = null!;
    private readonly JsonWebTokenHandler _handler = new();
    private TokenValidationParameters _downstream = null!;

    [Params(SigningAlgorithms.RS256, SigningAlgorithms.ES256)]
    public string Algorithm { get; set; } = SigningAlgorithms.RS256;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _gateway = await BenchmarkGateway.StartAsync(Algorithm);
        _issuer = _gateway.Services.GetRequiredService<AccessTokenIssuer>();
        var now = DateTimeOffset.UtcNow;
        _claims = new AccessTokenClaims("0192f7c4-1111-7000-8000-000000000001", "alice", ["user", "admin"], "bench-session-id-0001", now, now.AddMinutes(5));
        _jwt = _issuer.Mint(_claims, "api");

        // What a downstream's JwtBearer holds: the published public key (from the JWKS, as JSON) and the sample
        // backend's rules (src/SampleBackend).
        var ring = _gateway.Services.GetRequiredService<SigningKeyRing>();
        var jwks = JsonSerializer.Serialize(new JsonWebKeySetDocument([ring.Signer().PublicKey]), TokensJsonContext.Default.JsonWebKeySetDocument);
        var publicKey = new JsonWebKeySet(jwks).Keys.Single();
        _downstream = new TokenValidationParameters
        {
            ValidIssuer = new JsonWebToken(_jwt).Issuer,
            ValidAudience = "api",
            IssuerSigningKey = publicKey,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidTypes = ["at+jwt"],
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256],
        };
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _gateway.DisposeAsync();

    [Benchmark]
    public string MintAccessToken() => _issuer.Mint(_claims, "api");

    /// <summary>A downstream API's check of the token, as JwtBearer does it for every request it receives.</summary>
    [Benchmark]
    public async Task<bool> VerifyAccessToken() => (await _handler.ValidateTokenAsync(_jwt, _downstream)).IsValid;

    /// <summary>A whole issuance as a rotation does it: token, ticket, both cookies protected.</summary>
    [Benchmark]
    public string IssueSession() => _gateway.Issue("api").AccessCookie;
}
