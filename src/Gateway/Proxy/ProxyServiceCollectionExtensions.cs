using Gateway.Observability;

namespace Gateway.Proxy;

internal static class ProxyServiceCollectionExtensions
{
    public const string SectionName = "ReverseProxy";

    /// <summary>YARP with routes and clusters from the <c>ReverseProxy</c> section (reloaded on change), protected by default.</summary>
    public static IServiceCollection AddGatewayProxy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddReverseProxy()
            .LoadFromConfig(configuration.GetSection(SectionName))
            .AddConfigFilter<ProtectedByDefaultConfigFilter>()
            .AddConfigFilter<ClusterReferenceConfigFilter>()
            .AddTransforms<SessionTransformProvider>();
        return services;
    }

    public static IEndpointRouteBuilder MapGatewayProxy(this IEndpointRouteBuilder endpoints)
    {
        var outcomes = new ProxyOutcomeMiddleware(endpoints.ServiceProvider.GetRequiredService<GatewayMetrics>());
        endpoints.MapReverseProxy(proxy =>
        {
            proxy.Use(outcomes.InvokeAsync);
            proxy.Use(ProxyErrorMiddleware.InvokeAsync);

            // A custom pipeline replaces YARP's default one: keep its standard steps.
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return endpoints;
    }
}
