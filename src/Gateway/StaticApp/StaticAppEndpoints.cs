using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Gateway.StaticApp;

/// <summary>
/// The browser app as the endpoint of last resort: every gateway endpoint and proxy route wins over it, so no file
/// can shadow <c>/auth/*</c>, <c>/.well-known/*</c>, the health checks or an API route. A GET for a path without a
/// file extension that names no file gets <c>index.html</c>, so the app can route on the client.
/// </summary>
internal static class StaticAppEndpoints
{
    // The gateway's own path spaces: an unknown path there is a 404 problem, never the app's page.
    private static readonly PathString[] GatewayPaths = ["/auth", "/.well-known", "/_gateway"];

    public static IEndpointRouteBuilder MapGatewayStaticApp(this IEndpointRouteBuilder endpoints)
    {
        var services = endpoints.ServiceProvider;
        var options = services.GetRequiredService<IOptions<StaticAppOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StaticAppEndpoints).FullName!);
        var folder = StaticAppFolder.Resolve(options, services.GetRequiredService<IHostEnvironment>().ContentRootPath);
        if (folder is null)
        {
            StaticAppLog.Disabled(logger);
            return endpoints;
        }

        // PhysicalFileProvider refuses paths that climb out of the folder, and hidden and dot files.
        var files = new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(folder),
            OnPrepareResponse = StaticAppHeaders.Apply(options.ContentSecurityPolicy),
        };
        var app = endpoints.CreateApplicationBuilder()
            .Use(LeaveGatewayPathsAlone)
            .UseStaticFiles(files)
            .Use(FallBackToIndex)
            .UseStaticFiles(files)
            .Build();
        endpoints.MapFallback("{**path}", app);
        StaticAppLog.Served(logger, folder);
        return endpoints;
    }

    private static Task LeaveGatewayPathsAlone(HttpContext context, RequestDelegate next)
    {
        if (Array.Exists(GatewayPaths, prefix => context.Request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        // The static file middleware serves only requests no endpoint took, and this fallback is an endpoint.
        context.SetEndpoint(null);
        return next(context);
    }

    private static Task FallBackToIndex(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && !Path.HasExtension(request.Path.Value))
        {
            request.Path = "/index.html";
        }

        return next(context);
    }
}
