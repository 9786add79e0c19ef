using Gateway.Http;
using Gateway.Observability;
using Gateway.Oidc.Tokens;
using Yarp.ReverseProxy.Transforms;

namespace Gateway.Proxy;

/// <summary>Anonymous routes with <c>Metadata:TokenType</c> <c>Client</c>: the shared OP client token, no session needed.</summary>
internal sealed class ClientTokenTransform(RouteTokenSettings route, ProviderTokens providerTokens, GatewayMetrics metrics) : RequestTransform
{
    public override async ValueTask ApplyAsync(RequestTransformContext context)
    {
        var http = context.HttpContext;
        var result = await providerTokens.GetAsync(route, sessionId: null, http.RequestAborted);
        if (result.Authorization is null)
        {
            metrics.RequestRefused("provider-unavailable");
            http.Features.Set(ProxyRefusal.Instance);
            await ProblemResults.WriteAsync(http, ProblemResults.ProviderUnavailable(http.Response, "The identity provider cannot issue this route's token right now."));
            return;
        }

        context.ProxyRequest.Headers.TryAddWithoutValidation("Authorization", result.Authorization);
    }
}
