using Gateway.Storage;
using Gateway.TestSupport;
using Microsoft.Extensions.Time.Testing;
using SampleIdentityProvider.Configuration;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// The sample OpenID Provider (a real OpenIddict server on 127.0.0.1) and a gateway in <c>Oidc</c> mode that trusts
/// it, registered at it as <c>http://localhost</c> (the gateway factory's issuer). More gateways on the same database
/// act as more instances.
/// </summary>
internal sealed class OidcTestBed : IAsyncDisposable
{
    private readonly List<GatewayFactory> _gateways = [];
    private readonly RecordingDownstream? _downstream;
    private readonly Dictionary<string, string?> _settings;
    private readonly StorageProvider _storage;

    private OidcTestBed(TestIdentityProvider provider, RecordingDownstream? downstream, Dictionary<string, string?> settings, StorageProvider storage)
    {
        Provider = provider;
        _downstream = downstream;
        _settings = settings;
        _storage = storage;
    }

    public TestIdentityProvider Provider { get; }

    /// <summary>The first gateway.</summary>
    public GatewayFactory Gateway => _gateways[0];

    public static async Task<OidcTestBed> StartAsync(RecordingDownstream? downstream = null, Dictionary<string, string?>? settings = null,
        Action<SampleIdentityProviderOptions>? provider = null, StorageProvider storage = StorageProvider.Sqlite, FakeTimeProvider? clock = null)
    {
        var identityProvider = await TestIdentityProvider.StartAsync(options =>
        {
            options.GatewayOrigin = "http://localhost";
            provider?.Invoke(options);
        });
        var all = new Dictionary<string, string?>
        {
            ["Gateway:Authentication:Mode"] = "Oidc",
            ["Gateway:Authentication:Oidc:Authority"] = identityProvider.Authority,
            ["Gateway:Authentication:Oidc:ClientId"] = identityProvider.ClientId,
            ["Gateway:Authentication:Oidc:ClientSecret"] = identityProvider.ClientSecret,
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        var bed = new OidcTestBed(identityProvider, downstream, all, storage);
        bed.AddGateway(clock: clock);
        return bed;
    }

    /// <summary>Another gateway: on the same database unless <paramref name="databasePath"/> names another (a second instance).</summary>
    public GatewayFactory AddGateway(Dictionary<string, string?>? settings = null, string? databasePath = null, FakeTimeProvider? clock = null)
    {
        var all = new Dictionary<string, string?>(_settings);
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        var gateway = new GatewayFactory(_downstream, all, databasePath ?? (_gateways.Count > 0 ? Gateway.DatabasePath : null),
            clock ?? (_gateways.Count > 0 ? Gateway.Clock : null), _storage);
        _gateways.Add(gateway);
        return gateway;
    }

    public OidcBrowser CreateBrowser(GatewayFactory? gateway = null) => new(gateway ?? Gateway, Provider);

    /// <summary>A browser signed in at the provider and back at the gateway, with the session's two cookies.</summary>
    public async Task<OidcBrowser> SignedInBrowserAsync(string user = "alice", GatewayFactory? gateway = null)
    {
        var browser = CreateBrowser(gateway);
        var landing = await browser.SignInAsync(user);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, landing.StatusCode);
        Assert.DoesNotContain("loginError", landing.Headers.Location!.OriginalString, StringComparison.Ordinal);
        return browser;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var gateway in _gateways)
        {
            await gateway.DisposeAsync();
        }

        await Provider.DisposeAsync();
    }
}
