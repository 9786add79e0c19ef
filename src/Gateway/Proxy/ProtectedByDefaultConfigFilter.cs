using Yarp.ReverseProxy.Configuration;

namespace Gateway.Proxy;

/// <summary>
/// Routes are protected unless marked <c>anonymous</c>, and the gateway enforces that itself (session
/// transform), not through ASP.NET Core authorization. So the <c>default</c> policy is cleared here, and a
/// named policy the gateway cannot honour is refused instead of being silently ignored.
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

        if (string.Equals(policy, ProxyMetadata.DefaultPolicy, StringComparison.OrdinalIgnoreCase))
        {
            return ValueTask.FromResult(route with { AuthorizationPolicy = null });
        }

        throw new InvalidOperationException(
            $"Route '{route.RouteId}': AuthorizationPolicy '{policy}' is not supported; use 'anonymous' for a public route or leave it unset (protected).");
    }
}
