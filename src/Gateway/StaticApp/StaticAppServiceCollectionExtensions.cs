using Gateway.Hosting;

namespace Gateway.StaticApp;

internal static class StaticAppServiceCollectionExtensions
{
    /// <summary>The browser app's folder and headers, validated at start: a folder that does not exist stops the gateway.</summary>
    public static IServiceCollection AddGatewayStaticApp(this IServiceCollection services)
    {
        services.AddValidatedOptions<StaticAppOptions, StaticAppOptionsValidator>(StaticAppOptions.SectionName);
        return services;
    }
}
