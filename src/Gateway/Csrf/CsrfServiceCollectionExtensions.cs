using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Csrf;

internal static class CsrfServiceCollectionExtensions
{
    public static IServiceCollection AddGatewayCsrf(this IServiceCollection services)
    {
        services.AddOptions<CsrfOptions>().BindConfiguration(CsrfOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CsrfOptions>, CsrfOptionsValidator>());
        services.TryAddSingleton<CsrfGuard>();
        services.TryAddSingleton<CsrfEndpointFilter>();
        return services;
    }

    /// <summary>Every endpoint of the group requires <c>X-CSRF: 1</c> and a same-site origin.</summary>
    public static TBuilder RequireCsrf<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, CsrfEndpointFilter>();
}
