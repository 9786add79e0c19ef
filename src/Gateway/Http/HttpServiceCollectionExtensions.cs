using Microsoft.AspNetCore.Server.Kestrel.Core;
using Yarp.ReverseProxy.Model;

namespace Gateway.Http;

internal static class HttpServiceCollectionExtensions
{
    /// <summary>Problem answers for every error, and the handler that turns what escaped an endpoint into one.</summary>
    public static IServiceCollection AddGatewayHttp(this IServiceCollection services)
    {
        // A trace id is an internal identifier: it stays in the logs, not in answers to clients.
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context => context.ProblemDetails.Extensions.Remove("traceId"));
        services.AddExceptionHandler<GatewayExceptionHandler>();

        // "No Server header" (contract): what software answers is nobody's business. Proxied answers: Proxy/ drops the downstream's.
        services.Configure<KestrelServerOptions>(kestrel => kestrel.AddServerHeader = false);
        return services;
    }

    public static IApplicationBuilder UseGatewayHttp(this IApplicationBuilder app)
    {
        app.UseExceptionHandler();

        // Status code pages and the security headers are for what the gateway answers itself. A proxied answer is the
        // downstream's and passes as it came; a failed forward is answered by the proxy's own error middleware. So a
        // proxied request skips both: no feature, no OnStarting callback, no extra await on the hot path.
        app.UseWhen(IsOwnAnswer, own => own
            .UseStatusCodePages()
            .UseMiddleware<SecurityHeadersMiddleware>());
        app.UseMiddleware<ProtocolGuardMiddleware>();
        return app;
    }

    /// <summary>Not a proxy route's request: a gateway endpoint, a static file, or nothing matched.</summary>
    private static bool IsOwnAnswer(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>() is null;
}
