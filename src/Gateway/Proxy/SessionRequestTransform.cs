using Gateway.Csrf;
using Gateway.Http;
using Gateway.Observability;
using Gateway.Oidc;
using Gateway.Oidc.Tokens;
using Gateway.Sessions;
using Gateway.Tokens;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Transforms;

namespace Gateway.Proxy;

/// <summary>
/// Protected routes: refuse cross-site requests, require a live session (refreshing it if the access token
/// expired) and attach <c>Authorization: Bearer</c> with the token the route's <see cref="RouteTokenSettings"/> name:
/// the gateway's JWT, the user's OP token, an OP client token, or none. A refusal is answered here and YARP forwards nothing.
/// </summary>
internal sealed class SessionRequestTransform(
    string? clusterAudience,
    bool csrfHeaderOptional,
    RouteTokenSettings route,
    SessionResolver resolver,
    SessionResponder responder,
    CsrfGuard csrf,
    AccessTokenIssuer tokens,
    ProviderTokens providerTokens,
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
        if (!session.IsUsable)
        {
            metrics.RequestRefused(session.State == SessionState.None ? "unauthenticated" : "refresh-" + session.State.ToString().ToLowerInvariant());
            http.Features.Set(ProxyRefusal.Instance);
            await ProblemResults.WriteAsync(http, responder.AnswerProxied(http.Response, session)!);
            return;
        }

        var authorization = route.Type switch
        {
            TokenType.Gateway => new ProviderTokenResult(ProviderTokenOutcome.Token, session.Access!.AuthorizationFor(audience, tokens)),
            TokenType.None => default,
            _ => await providerTokens.GetAsync(route, session.Access!.Ticket.SessionId, http.RequestAborted),
        };
        if (authorization.Outcome == ProviderTokenOutcome.SessionEnded)
        {
            // The OP ended the grant (rule 4): the session is over here too, even if its cookies were just rotated.
            metrics.RequestRefused("provider-ended-session");
            http.Features.Set(ProxyRefusal.Instance);
            await ProblemResults.WriteAsync(http, responder.AnswerProxied(http.Response, SessionResolution.None(hadCookies: true))!);
            return;
        }

        // Refreshed gateway cookies are set whatever comes next, a 503 for want of an OP token included (rule 5).
        responder.AnswerProxied(http.Response, session);
        if (authorization.Outcome == ProviderTokenOutcome.Unavailable)
        {
            metrics.RequestRefused("provider-unavailable");
            http.Features.Set(ProxyRefusal.Instance);
            await ProblemResults.WriteAsync(http, ProblemResults.ProviderUnavailable(http.Response, "The identity provider cannot issue this route's token right now."));
            return;
        }

        if (authorization.Authorization is { } value)
        {
            context.ProxyRequest.Headers.TryAddWithoutValidation("Authorization", value);
        }

        // For OpenConnectionTransform, should the answer be a WebSocket or a stream: which session it belongs to.
        http.Features.Set(session.Access);
    }
}
