using Yarp.ReverseProxy.Configuration;

namespace Gateway.Proxy;

/// <summary>
/// A route must name a cluster that exists: YARP accepts one that does not and answers its requests with a bare
/// 503. Refused here instead, like any invalid config: the gateway does not start, and a reload keeps the last good
/// routes. YARP hands a route its cluster only when that cluster was accepted, so a route of a refused cluster is
/// refused with it.
/// </summary>
internal sealed class ClusterReferenceConfigFilter : IProxyConfigFilter
{
    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel) => ValueTask.FromResult(cluster);

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel)
    {
        if (string.IsNullOrEmpty(route.ClusterId))
        {
            throw new ArgumentException($"Route '{route.RouteId}' names no ClusterId; every route forwards to a cluster.");
        }

        return cluster is null
            ? throw new ArgumentException($"Route '{route.RouteId}' names cluster '{route.ClusterId}', which is not defined (or was refused) under ReverseProxy:Clusters.")
            : ValueTask.FromResult(route);
    }
}
