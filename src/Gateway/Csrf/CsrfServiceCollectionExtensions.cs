using Gateway.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Csrf;

internal static class CsrfServiceCollectionExtensions
{
    public static IServiceCollection AddGatewayCsrf(this IServiceCollection services)
    {
        services.AddValidatedOptions<CsrfOptions, CsrfOptionsValidator>(CsrfOptions.SectionName);
        services.TryAddSingleton<CsrfGuard>();
        services.TryAddSingleton<CsrfEndpointFilter>();
        return services;
    }

    /// <summary>Every endpoint of the group requires <c>X-CSRF: 1</c> and a same-site origin.</summary>
    public static TBuilder RequireCsrf<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, CsrfEndpointFilter>();
}
