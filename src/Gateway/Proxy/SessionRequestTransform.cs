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
    SessionCookies cookies,
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
            await ProblemResults.WriteAsync(http, ProblemResults.CsrfRefused(verdict.RefusedBecause!));
            return;
        }

        var audience = clusterAudience ?? tokenOptions.Value.Audience;
        var session = await resolver.ResolveAsync(http, audience);
        switch (session.State)
        {
            case SessionState.Live:
                context.ProxyRequest.Headers.TryAddWithoutValidation("Authorization", session.Access!.AuthorizationFor(audience, tokens));
                return;

            case SessionState.Refreshed:
                context.ProxyRequest.Headers.TryAddWithoutValidation("Authorization", session.Access!.AuthorizationFor(audience, tokens));

                // Whatever the downstream answers (a 502 included), the browser must get the new cookies:
                // its old refresh token is consumed.
                var issued = session.Issued!;
                http.Response.OnStarting(() =>
                {
                    cookies.Write(http.Response, issued);
                    return Task.CompletedTask;
                });
                return;

            default:
                metrics.RequestRefused(session.State == SessionState.None ? "unauthenticated" : "refresh-" + session.State.ToString().ToLowerInvariant());
                await ProblemResults.WriteAsync(http, SessionProblems.For(session, http.Response, cookies));
                return;
        }
    }
}
