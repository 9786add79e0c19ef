using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Csrf;

internal static class CsrfServiceCollectionExtensions
{
    public static IServiceCollection AddGatewayCsrf(this IServiceCollection services)
    {
        // Bound from its one key, not from the whole Gateway section that the other features' sections live in.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CsrfOptions>, CsrfOptionsValidator>());
        services.AddOptions<CsrfOptions>()
            .Configure<IConfiguration>((options, configuration) =>
                options.AllowedOrigins = configuration.GetSection(CsrfOptions.AllowedOriginsKey).Get<string[]>() ?? [])
            .ValidateOnStart();
        services.TryAddSingleton<CsrfGuard>();
        services.TryAddSingleton<CsrfEndpointFilter>();
        return services;
    }

    /// <summary>Every endpoint of the group requires <c>X-CSRF: 1</c> and a same-site origin.</summary>
    public static TBuilder RequireCsrf<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, CsrfEndpointFilter>();
}
