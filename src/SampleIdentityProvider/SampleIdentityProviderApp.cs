using SampleIdentityProvider.Accounts;
using SampleIdentityProvider.Authorization;
using SampleIdentityProvider.Configuration;
using SampleIdentityProvider.Faults;
using SampleIdentityProvider.Hosting;
using SampleIdentityProvider.Keys;
using SampleIdentityProvider.Server;
using SampleIdentityProvider.Storage;
using SampleIdentityProvider.Testing;

namespace SampleIdentityProvider;

/// <summary>
/// The sample OpenID Provider as an application that can be built from code: <c>Program</c> runs it, tests start it
/// in their own process (<c>--urls http://127.0.0.1:0</c>) and reach its services (<c>ProviderRecorder</c>,
/// <c>ProviderFaults</c>, <c>ProviderTokens</c>, <c>BackchannelLogoutSender</c>) through <c>app.Services</c>.
/// </summary>
public static class SampleIdentityProviderApp
{
    /// <summary>Where it listens when nothing (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, Kestrel endpoints) says otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5200";

    /// <summary>
    /// Builds the provider from <paramref name="args"/>, the environment and its settings file;
    /// <paramref name="configure"/> then changes the settings (after the demo defaults are filled in), and
    /// <paramref name="configureBuilder"/> anything else (logging, a fake <see cref="TimeProvider"/>, more configuration).
    /// </summary>
    public static WebApplication Build(
        string[] args, Action<SampleIdentityProviderOptions>? configure = null, Action<WebApplicationBuilder>? configureBuilder = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        ProviderConfigurationFiles.UseOwnSettingsFile(builder.Configuration);
        configureBuilder?.Invoke(builder);
        UseDefaultUrlIfNoneSet(builder);

        var options = ProviderOptionsLoader.Load(builder.Configuration, configure);
        var keys = ProviderKeys.LoadOrCreate(options);
        builder.Services
            .AddProviderServices(options, keys)
            .AddProviderStorage(options)
            .AddProviderServer(options, keys);

        var app = builder.Build();
        app.UseMiddleware<FaultInjectionMiddleware>();
        app.UseAuthentication();
        app.MapProviderAuthorization();
        app.MapProviderAccounts();
        if (options.TestEndpoints)
        {
            app.MapProviderTestEndpoints();
        }

        return app;
    }

    // The settings file would beat ASPNETCORE_URLS (it is read after the environment): set the default here only.
    private static void UseDefaultUrlIfNoneSet(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (string.IsNullOrEmpty(configuration["urls"]) && string.IsNullOrEmpty(configuration["http_ports"])
            && string.IsNullOrEmpty(configuration["https_ports"]) && !configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
    }
}
