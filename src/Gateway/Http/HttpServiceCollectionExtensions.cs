namespace Gateway.Http;

internal static class HttpServiceCollectionExtensions
{
    /// <summary>Problem answers for every error, and the handler that turns what escaped an endpoint into one.</summary>
    public static IServiceCollection AddGatewayHttp(this IServiceCollection services)
    {
        // A trace id is an internal identifier: it stays in the logs, not in answers to clients.
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context => context.ProblemDetails.Extensions.Remove("traceId"));
        services.AddExceptionHandler<GatewayExceptionHandler>();
        return services;
    }

    public static IApplicationBuilder UseGatewayHttp(this IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        return app;
    }
}
