using Gateway.Csrf;
using Gateway.Observability;
using Gateway.Oidc;
using Gateway.Oidc.Tokens;
using Gateway.Sessions;
using Gateway.Sessions.Connections;
using Gateway.Sessions.Login;
using Gateway.Tokens;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Gateway.Proxy;

/// <summary>
/// Reads each route's and cluster's gateway settings when YARP loads its config (validating them there),
/// and gives every route its transforms: hygiene everywhere, the session check on protected routes.
/// </summary>
internal sealed class SessionTransformProvider(
    SessionResolver resolver,
    SessionResponder responder,
    CsrfGuard csrf,
    AccessTokenIssuer tokens,
    IOptions<TokenOptions> tokenOptions,
    IOptions<AuthenticationOptions> authentication,
    IOptions<OidcOptions> oidcOptions,
    RouteTokenRequirements tokenRequirements,
    ProviderTokens providerTokens,
    GatewayMetrics metrics,
    OpenConnections connections) : ITransformProvider
{
    // "No Server header" (contract): not the downstream's either.
    private static readonly ResponseHeaderRemoveTransform DownstreamServerHeader = new(HeaderNames.Server, ResponseCondition.Always);

    public void ValidateRoute(TransformRouteValidationContext context)
    {
        var policy = context.Route.AuthorizationPolicy;
        if (!string.IsNullOrEmpty(policy) && !ProxyMetadata.IsAnonymous(context.Route))
        {
            context.Errors.Add(new ArgumentException(
                $"Route '{context.Route.RouteId}': AuthorizationPolicy '{policy}' is not supported; use 'anonymous' for a public route or leave it unset (protected)."));
        }

        // YARP accepts these and attaches their endpoint metadata; without the matching middleware (which the
        // gateway does not run) every request to the route then fails with 500.
        foreach (var (property, middleware) in MiddlewareBoundSettings(context.Route))
        {
            context.Errors.Add(new ArgumentException(
                $"Route '{context.Route.RouteId}': {property} is not supported; the gateway runs no {middleware} middleware, so every request to the route would fail. Remove it."));
        }

        if (context.Route.Metadata?.TryGetValue(ProxyMetadata.CsrfHeader, out var value) == true
            && !string.Equals(value, ProxyMetadata.CsrfHeaderOptional, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(value, ProxyMetadata.CsrfHeaderRequired, StringComparison.OrdinalIgnoreCase))
        {
            context.Errors.Add(new ArgumentException(
                $"Route '{context.Route.RouteId}': Metadata:{ProxyMetadata.CsrfHeader} must be '{ProxyMetadata.CsrfHeaderRequired}' or '{ProxyMetadata.CsrfHeaderOptional}'."));
        }

        if (ReadTokenSettings(context.Route, cluster: null).Error is { } tokenError)
        {
            context.Errors.Add(new ArgumentException(tokenError));
        }
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
        if (context.Cluster.Metadata?.TryGetValue(ProxyMetadata.Audience, out var audience) == true && string.IsNullOrWhiteSpace(audience))
        {
            context.Errors.Add(new ArgumentException($"Cluster '{context.Cluster.ClusterId}': Metadata:{ProxyMetadata.Audience} must not be empty."));
        }

        if (RouteTokenMetadata.ValidateCluster(context.Cluster, authentication.Value.Mode) is { } tokenError)
        {
            context.Errors.Add(new ArgumentException(tokenError));
        }
    }

    public void Apply(TransformBuilderContext context)
    {
        context.RequestTransforms.Add(RequestHygieneTransform.Instance);
        context.ResponseTransforms.Add(DownstreamCookieTransform.Instance);
        context.ResponseTransforms.Add(DownstreamServerHeader);
        if (context.Route is null)
        {
            return;
        }

        // The route's and its cluster's values were each checked; together (a cluster's User under an anonymous
        // route, say) they are checked here, where both are known. YARP refuses the config, as for any error.
        var (tokenSettings, tokenError) = ReadTokenSettings(context.Route, context.Cluster);
        if (tokenSettings is null)
        {
            throw new ArgumentException(tokenError);
        }

        tokenRequirements.Register(context.Route.RouteId, tokenSettings);
        if (ProxyMetadata.IsAnonymous(context.Route))
        {
            if (tokenSettings.Type == TokenType.Client)
            {
                context.RequestTransforms.Add(new ClientTokenTransform(tokenSettings, providerTokens, metrics));
            }

            return;
        }

        context.ResponseTransforms.Add(PrivateCacheTransform.Instance);
        context.RequestTransforms.Add(new SessionRequestTransform(
            ProxyMetadata.ClusterAudience(context.Cluster),
            ProxyMetadata.CsrfHeaderIsOptional(context.Route),
            tokenSettings,
            resolver, responder, csrf, tokens, providerTokens, tokenOptions, metrics));
        context.ResponseTransforms.Add(new OpenConnectionTransform(connections));
    }

    private (RouteTokenSettings? Settings, string? Error) ReadTokenSettings(RouteConfig route, ClusterConfig? cluster) =>
        RouteTokenMetadata.Read(route, cluster, ProxyMetadata.IsAnonymous(route), authentication.Value.Mode, oidcOptions.Value.DefaultTokenTypeValue);

    private static IEnumerable<(string Property, string Middleware)> MiddlewareBoundSettings(RouteConfig route)
    {
        if (!string.IsNullOrEmpty(route.CorsPolicy))
        {
            yield return (nameof(RouteConfig.CorsPolicy), "CORS");
        }

        if (!string.IsNullOrEmpty(route.TimeoutPolicy))
        {
            yield return (nameof(RouteConfig.TimeoutPolicy), "request timeout");
        }

        if (route.Timeout is not null)
        {
            yield return (nameof(RouteConfig.Timeout), "request timeout");
        }

        if (!string.IsNullOrEmpty(route.OutputCachePolicy))
        {
            yield return (nameof(RouteConfig.OutputCachePolicy), "output cache");
        }
    }
}
