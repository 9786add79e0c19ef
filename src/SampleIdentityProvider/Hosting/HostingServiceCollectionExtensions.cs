using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SampleIdentityProvider.Accounts;
using SampleIdentityProvider.BackchannelLogout;
using SampleIdentityProvider.Configuration;
using SampleIdentityProvider.Faults;
using SampleIdentityProvider.Keys;
using SampleIdentityProvider.Recording;
using SampleIdentityProvider.Server;

namespace SampleIdentityProvider.Hosting;

internal static class HostingServiceCollectionExtensions
{
    /// <summary>The settings, keys and the sample's own services (users, sessions, recorder, faults, back-channel logout).</summary>
    public static IServiceCollection AddProviderServices(this IServiceCollection services, SampleIdentityProviderOptions options, ProviderKeys keys)
    {
        services.AddSingleton(Options.Create(options));
        services.AddSingleton(keys);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<UserDirectory>();
        services.AddSingleton<ProviderSessionStore>();
        services.AddSingleton<ProviderRecorder>();
        services.AddSingleton<ProviderFaults>();
        services.AddSingleton<ProviderIssuer>();
        // Public types with internal constructors (tests use them, only the provider makes them): built by hand.
        services.AddSingleton(provider => new ProviderTokens(
            provider.GetRequiredService<ProviderKeys>(), provider.GetRequiredService<ProviderIssuer>(),
            provider.GetRequiredService<IOptions<SampleIdentityProviderOptions>>(), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider => new BackchannelLogoutSender(
            provider.GetRequiredService<ProviderTokens>(), provider.GetRequiredService<ProviderSessionStore>(),
            provider.GetRequiredService<ProviderRecorder>(), provider.GetRequiredService<IHttpClientFactory>(),
            provider.GetRequiredService<IOptions<SampleIdentityProviderOptions>>(), provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<BackchannelLogoutSender>>()));
        services.AddHttpClient(nameof(BackchannelLogoutSender), client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddHostedService<ProviderStartupReporter>();

        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddAuthentication(SessionCookie.Scheme).AddCookie(SessionCookie.Scheme, SessionCookie.Configure);
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        return services;
    }
}
