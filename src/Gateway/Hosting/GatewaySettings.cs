using Gateway.Configuration;
using Gateway.Csrf;
using Yarp.ReverseProxy.Configuration;

namespace Gateway.Hosting;

/// <summary>
/// Every key the gateway reads under <c>Gateway:</c> and in YARP's routes and clusters. The <c>Gateway:</c> keys come
/// from the options classes themselves (each has a <c>SectionName</c>), so a new one is covered without a line
/// here; only keys bound by hand are listed.
/// </summary>
internal static class GatewaySettings
{
    public const string Root = "Gateway";

    private static readonly (string Path, Type Type)[] BoundByHand =
    [
        (CsrfOptions.AllowedOriginsKey, typeof(string[])),
        ("ReverseProxy:Routes:*", typeof(RouteConfig)),
        ("ReverseProxy:Clusters:*", typeof(ClusterConfig)),
    ];

    public static ConfigurationSchema Schema { get; } = Create();

    /// <summary>Refuses to start on a key nothing reads, naming it (and the key it was probably meant to be).</summary>
    public static void ThrowIfUnknownKeys(IConfiguration configuration)
    {
        var unknown = Schema.FindUnknown(configuration.AsEnumerable().Select(pair => pair.Key));
        if (unknown.Count > 0)
        {
            throw new GatewayStartupException(UnknownSetting.Describe(unknown));
        }
    }

    private static ConfigurationSchema Create()
    {
        var schema = ConfigurationSchema.FromOptionsClasses(typeof(GatewaySettings).Assembly, Root);
        foreach (var (path, type) in BoundByHand)
        {
            schema.Add(path, type);
        }

        return schema;
    }
}
