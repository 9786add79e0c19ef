using BenchmarkDotNet.Attributes;
using Gateway.Proxy;
using Gateway.Sessions;
using Gateway.Sessions.HotPath;
using Gateway.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Transforms;

namespace Gateway.Benchmarks;

/// <summary>The pieces of a proxied request with a live access token: decode, check, attach.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class HotPathBenchmarks
{
    private BenchmarkGateway _gateway = null!;
    private SessionCookieProtector _protector = null!;
    private VerifiedAccessCache _cache = null!;
    private SessionResolver _resolver = null!;
    private AccessTokenIssuer _tokens = null!;
    private string _accessCookie = null!;
    private string _cookieHeader = null!;
    private DefaultHttpContext _context = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _gateway = await BenchmarkGateway.StartAsync(SigningAlgorithms.RS256);
        _protector = _gateway.Services.GetRequiredService<SessionCookieProtector>();
        _cache = _gateway.Services.GetRequiredService<VerifiedAccessCache>();
        _resolver = _gateway.Services.GetRequiredService<SessionResolver>();
        _tokens = _gateway.Services.GetRequiredService<AccessTokenIssuer>();
        var session = _gateway.Issue("api");
        _accessCookie = session.AccessCookie;
        _cookieHeader = $"{SessionCookieNames.SecureAccess}={session.AccessCookie}; {SessionCookieNames.SecureRefresh}={session.RefreshCookie}";
        _cache.Add(_accessCookie, new VerifiedAccess(session.Ticket));
        _context = new DefaultHttpContext();
        _context.Request.Headers.Cookie = _cookieHeader;
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _gateway.DisposeAsync();

    /// <summary>What a cache miss costs: Data Protection unprotect plus reading the ticket.</summary>
    [Benchmark]
    public bool CookieDecode() => _protector.UnprotectAccess(_accessCookie) is not null;

    /// <summary>A cache hit: find the cookie among others in the header, look it up by span.</summary>
    [Benchmark]
    public bool CachedCookieLookup() =>
        CookieHeader.TryGetValue(_context.Request.Headers.Cookie, SessionCookieNames.SecureAccess, out var value) && _cache.TryGet(value, out _);

    /// <summary>The whole session check of the hot path (cache hit, revocation probe, expiry).</summary>
    [Benchmark]
    public async Task<bool> SessionCheck() => (await _resolver.ResolveAsync(_context, "api")).State == SessionState.Live;

    /// <summary>Strip the client's Authorization and the gateway's cookies, attach the bearer: the request side of the transform.</summary>
    [Benchmark]
    public async Task<int> BearerAttach()
    {
        using var proxyRequest = new HttpRequestMessage(HttpMethod.Get, "http://downstream/api/data");
        proxyRequest.Headers.TryAddWithoutValidation("Cookie", _cookieHeader);
        var transform = new RequestTransformContext { HttpContext = _context, ProxyRequest = proxyRequest, Path = "/api/data", Query = new QueryTransformContext(_context.Request) };
        await RequestHygieneTransform.Instance.ApplyAsync(transform);
        var session = await _resolver.ResolveAsync(_context, "api");
        proxyRequest.Headers.TryAddWithoutValidation("Authorization", session.Access!.AuthorizationFor("api", _tokens));
        return proxyRequest.Headers.Count();
    }
}
