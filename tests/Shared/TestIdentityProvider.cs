using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SampleIdentityProvider;
using SampleIdentityProvider.BackchannelLogout;
using SampleIdentityProvider.Configuration;
using SampleIdentityProvider.Faults;
using SampleIdentityProvider.Recording;

namespace Gateway.TestSupport;

/// <summary>
/// The sample OpenID Provider (src/SampleIdentityProvider) running in the test process on a free 127.0.0.1 port,
/// a real OpenIddict server: point a client's <c>Authority</c> at <see cref="Authority"/>. Test defaults: no logs,
/// refresh token reuse leeway 0, the database in a temporary folder (so <see cref="RestartAsync"/> brings back the
/// same provider: same port, keys, clients and tokens; new recorder, sessions and fault switches), and signing and
/// encryption keys shared by every provider of the test process (an RSA key costs more to make than a provider to
/// start; set <c>SigningKeyPem</c> and <c>EncryptionKey</c> to null in <c>configure</c> for keys of its own).
/// <c>configure</c> runs after these defaults and after the demo defaults (users alice, bob, carol).
/// </summary>
internal sealed class TestIdentityProvider : IAsyncDisposable
{
    private static readonly Lazy<(string SigningKeyPem, string EncryptionKey)> SharedKeys = new(() =>
    {
        using var rsa = RSA.Create(2048);
        return (rsa.ExportRSAPrivateKeyPem(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
    });

    private readonly Action<SampleIdentityProviderOptions>? _configure;
    private readonly Action<WebApplicationBuilder>? _configureBuilder;
    private readonly DirectoryInfo _dataDirectory = Directory.CreateTempSubdirectory("sample-idp-");
    private WebApplication? _app;
    private int _port;

    private TestIdentityProvider(Action<SampleIdentityProviderOptions>? configure, Action<WebApplicationBuilder>? configureBuilder)
    {
        _configure = configure;
        _configureBuilder = configureBuilder;
    }

    /// <summary><c>http://127.0.0.1:port</c>, without a trailing slash (the issuer is this plus <c>/</c>).</summary>
    public string Authority => $"http://127.0.0.1:{_port}";

    /// <summary>The <c>iss</c> of its tokens and discovery document.</summary>
    public string Issuer => Authority + "/";

    /// <summary>The settings it runs with.</summary>
    public SampleIdentityProviderOptions Options => Services.GetRequiredService<IOptions<SampleIdentityProviderOptions>>().Value;

    public string ClientId => Options.ClientId;

    public string ClientSecret => Options.ClientSecret;

    /// <summary>What it handled since it (last) started.</summary>
    public ProviderRecorder Recorder => Services.GetRequiredService<ProviderRecorder>();

    /// <summary>Its fault switches (all off at each start).</summary>
    public ProviderFaults Faults => Services.GetRequiredService<ProviderFaults>();

    /// <summary>JWTs signed with its signing key, logout tokens among them.</summary>
    public ProviderTokens Tokens => Services.GetRequiredService<ProviderTokens>();

    public IServiceProvider Services => (_app ?? throw new InvalidOperationException("The provider is stopped.")).Services;

    public static async Task<TestIdentityProvider> StartAsync(
        Action<SampleIdentityProviderOptions>? configure = null, Action<WebApplicationBuilder>? configureBuilder = null)
    {
        var provider = new TestIdentityProvider(configure, configureBuilder);
        await provider.RunAsync();
        return provider;
    }

    /// <summary>Ends provider session <paramref name="sessionId"/> (or all of <paramref name="subject"/>'s) and posts a logout token to the gateway.</summary>
    public Task<BackchannelLogoutResult> SendBackchannelLogoutAsync(string? subject, string? sessionId, CancellationToken cancellationToken = default) =>
        Services.GetRequiredService<BackchannelLogoutSender>().SendAsync(subject, sessionId, cancellationToken);

    /// <summary>Takes it down: its port refuses connections until <see cref="RestartAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>Starts it again on the same port with the same database and keys.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await RunAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            _dataDirectory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless; failing the test over it is not.
        }
    }

    private async Task RunAsync()
    {
        var app = SampleIdentityProviderApp.Build(
            ["--urls", $"http://127.0.0.1:{_port}"],
            options =>
            {
                options.RefreshTokenReuseLeeway = TimeSpan.Zero;
                options.DataDirectory = _dataDirectory.FullName;
                (options.SigningKeyPem, options.EncryptionKey) = SharedKeys.Value;
                _configure?.Invoke(options);
            },
            builder =>
            {
                builder.Logging.ClearProviders();
                // Hanging requests (the Hang fault) end when the host stops; never wait long for them.
                builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
                _configureBuilder?.Invoke(builder);
            });
        await app.StartAsync();
        _app = app;
        _port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Port;
    }
}
