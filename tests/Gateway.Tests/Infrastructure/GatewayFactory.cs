using Gateway.Sessions;
using Gateway.Storage;
using Gateway.TestSupport;
using Gateway.Users;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// An in-process gateway with its own SQLite file (or PostgreSQL database), a fake clock and (optionally) a real downstream. Tests move
/// the clock instead of sleeping. Two factories given the same database path (or name) act as two instances.
/// </summary>
internal sealed class GatewayFactory : WebApplicationFactory<Program>
{
    public const string Password = "correct horse battery";

    private readonly Dictionary<string, string?> _settings;
    private readonly bool _onSharedPostgres;

    /// <param name="databasePath">The SQLite file or, on PostgreSQL, the database name; a new one unless given.</param>
    /// <param name="postgres">The server for <see cref="StorageProvider.Postgres"/>; the run's shared one unless given.</param>
    public GatewayFactory(RecordingDownstream? downstream = null, Dictionary<string, string?>? settings = null,
        string? databasePath = null, FakeTimeProvider? clock = null, StorageProvider provider = StorageProvider.Sqlite,
        ThrowawayPostgres? postgres = null)
    {
        Provider = provider;
        _onSharedPostgres = provider == StorageProvider.Postgres && postgres is null;
        Postgres = provider == StorageProvider.Postgres ? postgres ?? TestPostgres.Server : null;
        DatabasePath = databasePath ?? (Postgres is null ? TestDatabase.NewPath() : TestPostgres.NewDatabaseName());
        Clock = clock ?? new FakeTimeProvider(DateTimeOffset.UtcNow);
        _settings = Postgres is null
            ? new Dictionary<string, string?> { ["ConnectionStrings:Gateway"] = $"Data Source={DatabasePath}" }
            : TestPostgres.Settings(Postgres, DatabasePath);
        _settings["Gateway:Tokens:Issuer"] = "http://localhost";
        _settings["Gateway:RateLimiting:Enabled"] = "false";
        _settings["Logging:LogLevel:Default"] = "Warning";
        if (downstream is not null)
        {
            _settings["ReverseProxy:Routes:api:ClusterId"] = "backend";
            _settings["ReverseProxy:Routes:api:Match:Path"] = "/api/{**rest}";
            _settings["ReverseProxy:Routes:public:ClusterId"] = "backend";
            _settings["ReverseProxy:Routes:public:Match:Path"] = "/public/{**rest}";
            _settings["ReverseProxy:Routes:public:AuthorizationPolicy"] = "anonymous";
            _settings["ReverseProxy:Clusters:backend:Metadata:Audience"] = "backend-api";
            _settings["ReverseProxy:Clusters:backend:Destinations:d1:Address"] = downstream.Address;
        }

        foreach (var (key, value) in settings ?? [])
        {
            _settings[key] = value;
        }
    }

    public FakeTimeProvider Clock { get; }

    public StorageProvider Provider { get; }

    /// <summary>The PostgreSQL server of this gateway's database; null on SQLite.</summary>
    public ThrowawayPostgres? Postgres { get; }

    public string DatabasePath { get; }

    public string Environment { get; init; } = "Testing";

    /// <summary>Extra services a test adds after the gateway's own (a startup filter, a stand-in).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>The folder the gateway reads <c>appsettings.json</c> from; the project's folder unless a test sets one.</summary>
    public string? ContentRoot { get; init; }

    /// <summary>Start on an empty database (migrations, first keys) instead of a copy of the migrated template.</summary>
    public bool FreshDatabase { get; init; }

    public BrowserClient CreateBrowser() => new(CreateDefaultClient(new Uri("http://localhost")));

    public async Task<User> CreateUserAsync(string name, string password = Password, params string[] roles)
    {
        await using var scope = Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<UserService>().CreateAsync(name, roles, password, isDemo: false, default);
        return result.User ?? throw new InvalidOperationException(result.Error);
    }

    /// <summary>A browser already signed in as a new user.</summary>
    public async Task<BrowserClient> SignedInBrowserAsync(string name = "alice", params string[] roles)
    {
        await CreateUserAsync(name, Password, roles);
        var browser = CreateBrowser();
        var response = await browser.LoginAsync(name, Password);
        response.EnsureSuccessStatusCode();
        return browser;
    }

    public async Task<T> WithDbAsync<T>(Func<GatewayDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<GatewayDbContext>());
    }

    public string AccessCookieName => SessionCookieNames.Access(secure: _settings.GetValueOrDefault("Gateway:Cookies:Secure") != "false");

    public string RefreshCookieName => SessionCookieNames.Refresh(secure: _settings.GetValueOrDefault("Gateway:Cookies:Secure") != "false");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // A test that chooses the key algorithm needs a key ring made under that choice.
        if (!FreshDatabase && !_settings.ContainsKey("Gateway:Tokens:SigningAlgorithm"))
        {
            if (Postgres is null)
            {
                TestDatabase.CopyTemplateTo(DatabasePath);
            }
            else if (_onSharedPostgres)
            {
                TestPostgres.CopyTemplateTo(DatabasePath);
            }
        }

        builder.UseEnvironment(Environment);
        if (ContentRoot is not null)
        {
            builder.UseContentRoot(ContentRoot);
        }

        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(_settings));
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);

            // PBKDF2 at the production 100,000 iterations costs ~56 ms per hash; the tests check behaviour, not cost.
            services.Configure<PasswordHasherOptions>(options => options.IterationCount = 1_000);
            TestServices?.Invoke(services);
        });
    }
}
