using Yarp.ReverseProxy.Configuration;

namespace Gateway.Proxy;

/// <summary>The route and cluster settings the gateway reads from YARP's config (documented in docs/configuration.md).</summary>
internal static class ProxyMetadata
{
    /// <summary>Route <c>AuthorizationPolicy</c> value that makes a route public: no session, no bearer.</summary>
    public const string AnonymousPolicy = "anonymous";

    /// <summary>YARP's own name for "the default policy": for the gateway, the same as leaving it unset (protected).</summary>
    public const string DefaultPolicy = "default";

    /// <summary>Cluster metadata: <c>aud</c> of tokens forwarded to the cluster.</summary>
    public const string Audience = "Audience";

    /// <summary>Route metadata: <c>Optional</c> lets safe methods (GET, HEAD) through without <c>X-CSRF</c> (downloads, links).</summary>
    public const string CsrfHeader = "CsrfHeader";

    public const string CsrfHeaderOptional = "Optional";

    public const string CsrfHeaderRequired = "Required";

    public static bool IsAnonymous(RouteConfig route) =>
        string.Equals(route.AuthorizationPolicy, AnonymousPolicy, StringComparison.OrdinalIgnoreCase);

    public static string? ClusterAudience(ClusterConfig? cluster) =>
        cluster?.Metadata?.TryGetValue(Audience, out var audience) == true ? audience : null;

    public static bool CsrfHeaderIsOptional(RouteConfig route) =>
        route.Metadata?.TryGetValue(CsrfHeader, out var value) == true
        && string.Equals(value, CsrfHeaderOptional, StringComparison.OrdinalIgnoreCase);
}
