using Gateway.Sessions.Login;
using Yarp.ReverseProxy.Configuration;

namespace Gateway.Oidc.Tokens;

/// <summary>
/// Route and cluster <c>Metadata:TokenType</c>, <c>Metadata:Resource</c> and <c>Metadata:Scope</c> (the route's value
/// wins over the cluster's). Read and checked when YARP loads its config (Proxy/SessionTransformProvider).
/// </summary>
internal static class RouteTokenMetadata
{
    public const string TokenTypeKey = "TokenType";
    public const string ResourceKey = "Resource";
    public const string ScopeKey = "Scope";

    /// <summary>The route's settings, or the one-line reason they are refused.</summary>
    public static (RouteTokenSettings? Settings, string? Error) Read(RouteConfig route, ClusterConfig? cluster, bool anonymous,
        AuthenticationMode mode, TokenType oidcDefault)
    {
        var configured = Value(route, cluster, TokenTypeKey);
        var resource = Value(route, cluster, ResourceKey);
        var scope = Value(route, cluster, ScopeKey);
        TokenType type;
        if (configured is null)
        {
            type = anonymous ? TokenType.None : mode == AuthenticationMode.Oidc ? oidcDefault : TokenType.Gateway;
        }
        else if (!TokenTypes.TryParse(configured, out type))
        {
            return (null, $"Route '{route.RouteId}': Metadata:{TokenTypeKey} '{configured}' is unknown; use {TokenTypes.Names}.");
        }

        if (mode == AuthenticationMode.Local && type is TokenType.User or TokenType.Client)
        {
            return (null, $"Route '{route.RouteId}': Metadata:{TokenTypeKey} {type} needs Gateway:Authentication:Mode Oidc (an OpenID Provider); in Local mode use Gateway or None.");
        }

        if (anonymous && type is TokenType.User or TokenType.Gateway)
        {
            return (null, $"Route '{route.RouteId}': Metadata:{TokenTypeKey} {type} needs a signed-in user, but the route is anonymous; use Client or None.");
        }

        if (resource is not null && !OidcOptionsValidator.IsResourceIndicator(resource))
        {
            return (null, $"Route '{route.RouteId}': Metadata:{ResourceKey} must be an absolute URI without a fragment (RFC 8707).");
        }

        if (scope is not null && (scope.Trim().Length == 0 || scope.Any(c => c < ' ' || c is '"' or '\\' || c > '~')))
        {
            return (null, $"Route '{route.RouteId}': Metadata:{ScopeKey} must be space-separated scope names.");
        }

        return (new RouteTokenSettings(type, resource, scope is null ? null : ProviderTokenKey.NormalizeScope(scope)), null);
    }

    /// <summary>A cluster's own values, checked once for all its routes; null when they are acceptable.</summary>
    public static string? ValidateCluster(ClusterConfig cluster, AuthenticationMode mode)
    {
        var probe = new RouteConfig { RouteId = $"(cluster {cluster.ClusterId})" };
        var (_, error) = Read(probe, cluster, anonymous: false, mode, TokenType.User);
        return error?.Replace($"Route '{probe.RouteId}'", $"Cluster '{cluster.ClusterId}'", StringComparison.Ordinal);
    }

    private static string? Value(RouteConfig route, ClusterConfig? cluster, string key) =>
        route.Metadata?.TryGetValue(key, out var fromRoute) == true ? fromRoute
        : cluster?.Metadata?.TryGetValue(key, out var fromCluster) == true ? fromCluster
        : null;
}
