using Gateway.Observability;

namespace Gateway.Proxy;

internal static class ProxyServiceCollectionExtensions
{
    public const string SectionName = "ReverseProxy";

    private const string ForwarderLogCategory = "Yarp.ReverseProxy.Forwarder.HttpForwarder";

    /// <summary>YARP with routes and clusters from the <c>ReverseProxy</c> section (reloaded on change), protected by default.</summary>
    public static IServiceCollection AddGatewayProxy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddReverseProxy()
            .LoadFromConfig(configuration.GetSection(SectionName))
            .AddConfigFilter<ProtectedByDefaultConfigFilter>()
            .AddConfigFilter<ClusterReferenceConfigFilter>()
            .AddTransforms<SessionTransformProvider>();

        // YARP logs every failed forward as a warning with a stack trace, a client's broken body included (an
        // anonymous log flood). ProxyFailures logs each failure itself, as loud as whose fault it was.
        services.AddLogging(logging => logging.AddFilter(ForwarderLogCategory, LogLevel.Error));
        return services;
    }

    public static IEndpointRouteBuilder MapGatewayProxy(this IEndpointRouteBuilder endpoints)
    {
        var outcomes = new ProxyOutcomeMiddleware(endpoints.ServiceProvider.GetRequiredService<GatewayMetrics>());
        endpoints.MapReverseProxy(proxy =>
        {
            // The RequestDelegate overload: the Func<Task> one allocates a closure per request and middleware.
            proxy.Use((context, next) => outcomes.InvokeAsync(context, next));
            proxy.Use(UpgradeFilter.InvokeAsync);

            // A custom pipeline replaces YARP's default one: keep its standard steps.
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return endpoints;
    }
}
