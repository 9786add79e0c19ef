namespace Gateway.Observability;

internal static class ObservabilityServiceCollectionExtensions
{
    /// <summary>Metrics, the audit trail, the health checks and the opt-in stats.</summary>
    public static IServiceCollection AddGatewayObservability(this IServiceCollection services)
    {
        services.AddOptions<DiagnosticsOptions>().BindConfiguration(DiagnosticsOptions.SectionName);
        services.AddMetrics();
        services.AddSingleton<GatewayMetrics>();
        services.AddScoped<AuditTrail>();
        // One instance: it coalesces the checks of concurrent /readyz calls.
        services.AddSingleton<DatabaseHealthCheck>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [ObservabilityEndpoints.ReadyTag]);
        return services;
    }
}
