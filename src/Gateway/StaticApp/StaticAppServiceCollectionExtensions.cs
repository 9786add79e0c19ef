using Gateway.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Gateway.StaticApp;

internal static class StaticAppServiceCollectionExtensions
{
    /// <summary>The browser app's folder and headers, validated at start: a folder that does not exist stops the gateway.</summary>
    public static IServiceCollection AddGatewayStaticApp(this IServiceCollection services)
    {
        services.AddValidatedOptions<StaticAppOptions, StaticAppOptionsValidator>(StaticAppOptions.SectionName);
        return services;
    }

    /// <summary>
    /// Serves the browser app to what no endpoint or route took: every gateway endpoint and proxy route wins over a
    /// file of the same path, so no file shadows <c>/auth/*</c>, <c>/.well-known/*</c>, the health checks or an API.
    /// </summary>
    public static IApplicationBuilder UseGatewayStaticApp(this IApplicationBuilder app)
    {
        var services = app.ApplicationServices;
        var options = services.GetRequiredService<IOptions<StaticAppOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StaticAppServiceCollectionExtensions).FullName!);
        var folder = StaticAppFolder.Resolve(options, services.GetRequiredService<IHostEnvironment>().ContentRootPath);
        if (folder is null)
        {
            StaticAppLog.Disabled(logger);
            return app;
        }

        // PhysicalFileProvider refuses paths that climb out of the folder, and hidden and dot files.
        var files = new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(folder),
            OnPrepareResponse = StaticAppHeaders.Apply(options.ContentSecurityPolicy),
        };
        app.UseWhen(StaticAppFallback.IsForTheApp, branch => branch
            .UseStaticFiles(files)
            .Use(StaticAppFallback.RewriteToIndex)
            .UseStaticFiles(files));
        StaticAppLog.Served(logger, folder);
        return app;
    }
}
