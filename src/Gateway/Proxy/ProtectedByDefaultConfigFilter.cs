using Yarp.ReverseProxy.Configuration;

namespace Gateway.Proxy;

/// <summary>
/// Routes are protected unless marked <c>anonymous</c>, and the gateway enforces that itself (session
/// transform), not through ASP.NET Core authorization. So the <c>default</c> policy is cleared here; a named
/// policy the gateway cannot honour is refused by <see cref="SessionTransformProvider.ValidateRoute"/>.
/// </summary>
internal sealed class ProtectedByDefaultConfigFilter : IProxyConfigFilter
{
    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel) => ValueTask.FromResult(cluster);

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel)
    {
        var policy = route.AuthorizationPolicy;
        if (string.IsNullOrEmpty(policy) || ProxyMetadata.IsAnonymous(route))
        {
            return ValueTask.FromResult(route);
        }

        return ValueTask.FromResult(string.Equals(policy, ProxyMetadata.DefaultPolicy, StringComparison.OrdinalIgnoreCase)
            ? route with { AuthorizationPolicy = null }
            : route);
    }
}
