using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gateway.Observability;

/// <summary><c>/healthz</c> (the process answers), <c>/readyz</c> (the database answers) and the opt-in stats.</summary>
internal static class ObservabilityEndpoints
{
    public const string ReadyTag = "ready";

    public static IEndpointRouteBuilder MapGatewayObservability(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGatewayDiagnostics();
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });
        return endpoints;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        var status = report.Status == HealthStatus.Healthy ? "healthy" : "unhealthy";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["status"] = status }));
    }
}
