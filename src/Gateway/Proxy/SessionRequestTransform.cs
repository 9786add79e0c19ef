using Gateway.Csrf;
using Gateway.Http;
using Gateway.Observability;
using Gateway.Sessions;
using Gateway.Tokens;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Transforms;

namespace Gateway.Proxy;

/// <summary>
/// Protected routes: refuse cross-site requests, require a live session (refreshing it if the access token
/// expired) and attach <c>Authorization: Bearer</c>. A refusal is answered here and YARP forwards nothing.
/// </summary>
internal sealed class SessionRequestTransform(
    string? clusterAudience,
    bool csrfHeaderOptional,
    SessionResolver resolver,
    SessionResponder responder,
    CsrfGuard csrf,
    AccessTokenIssuer tokens,
    IOptions<TokenOptions> tokenOptions,
    GatewayMetrics metrics) : RequestTransform
{
    public override async ValueTask ApplyAsync(RequestTransformContext context)
    {
        var http = context.HttpContext;
        var method = http.Request.Method;
        var headerOptional = csrfHeaderOptional && (HttpMethods.IsGet(method) || HttpMethods.IsHead(method));
        var verdict = csrf.Check(http.Request, requireHeader: !headerOptional, webSocketsAllowed: true);
        if (!verdict.IsAllowed)
        {
            metrics.RequestRefused("csrf");
            http.Features.Set(ProxyRefusal.Instance);
            await ProblemResults.WriteAsync(http, ProblemResults.CsrfRefused(verdict.RefusedBecause!));
            return;
        }

        var audience = clusterAudience ?? tokenOptions.Value.Audience;
        var session = await resolver.ResolveAsync(http, audience);
        if (responder.AnswerProxied(http.Response, session) is { } problem)
        {
            metrics.RequestRefused(session.State == SessionState.None ? "unauthenticated" : "refresh-" + session.State.ToString().ToLowerInvariant());
            http.Features.Set(ProxyRefusal.Instance);
            await ProblemResults.WriteAsync(http, problem);
            return;
        }

        context.ProxyRequest.Headers.TryAddWithoutValidation("Authorization", session.Access!.AuthorizationFor(audience, tokens));

        // For OpenConnectionTransform, should the answer be a WebSocket or a stream: which session it belongs to.
        http.Features.Set(session.Access);
    }
}
