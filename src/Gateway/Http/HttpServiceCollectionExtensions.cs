using Microsoft.AspNetCore.Server.Kestrel.Core;

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
        app.UseStatusCodePages();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<ProtocolGuardMiddleware>();
        return app;
    }
}
