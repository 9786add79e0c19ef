using Gateway.Http;
using Gateway.RateLimiting;
using Gateway.Sessions.Login;
using Gateway.Sessions.Refresh;
using Gateway.Sessions.Revocation;
using Gateway.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Gateway.Sessions.Endpoints;

/// <summary><c>/auth/login</c>, <c>/auth/session</c>, <c>/auth/refresh</c>, <c>/auth/logout</c>, and the device list.</summary>
internal static class SessionEndpoints
{
    public static RouteGroupBuilder MapGatewaySessions(this RouteGroupBuilder auth)
    {
        auth.MapPost("/login", Login).RequireRateLimiting(LoginRateLimits.PolicyName);
        auth.MapGet("/session", GetSession);
        auth.MapPost("/refresh", Refresh);
        auth.MapPost("/logout", Logout);
        return DeviceEndpoints.MapDevices(auth);
    }

    private static async Task<Results<Ok<SessionBody>, ProblemHttpResult>> Login(HttpContext context, LoginService login)
    {
        var (request, problem) = await JsonBody.ReadAsync(context.Request, SessionsJsonContext.Default.LoginRequest);
        if (problem is not null)
        {
            return problem;
        }

        var result = await login.LoginAsync(context, request!);
        if (result.Problem is not null)
        {
            if (result.RetryAfter is { } retryAfter)
            {
                LoginRateLimits.SetRetryAfter(context.Response, retryAfter);
            }

            return result.Problem;
        }

        context.RequestServices.GetRequiredService<SessionCookies>().Write(context.Response, result.Session!);
        return TypedResults.Ok(SessionBody.From(result.Session!.Ticket));
    }

    private static async Task<Results<Ok<SessionBody>, ProblemHttpResult>> GetSession(HttpContext context, CurrentSession current)
    {
        var (ticket, problem) = await current.RequireAsync(context);
        return problem is null ? TypedResults.Ok(SessionBody.From(ticket!)) : problem;
    }

    private static async Task<Results<Ok<SessionBody>, ProblemHttpResult>> Refresh(
        HttpContext context, SessionCookies cookies, SessionCookieProtector protector, RefreshService refresh, IOptions<TokenOptions> options)
    {
        var header = context.Request.Headers.Cookie;
        var token = cookies.TryGetRefresh(header, out var cookie) ? protector.UnprotectRefresh(cookie) : null;
        if (token is null)
        {
            return SessionProblems.For(SessionResolution.None(cookies.HasAny(header)), context.Response, cookies);
        }

        var result = await refresh.RefreshAsync(token, SessionRequestInfo.From(context), options.Value.Audience, context.RequestAborted);
        var session = SessionResolution.From(result);
        if (session.State != SessionState.Refreshed)
        {
            return SessionProblems.For(session, context.Response, cookies);
        }

        cookies.Write(context.Response, session.Issued!);
        return TypedResults.Ok(SessionBody.From(session.Issued!.Ticket));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Logout(
        HttpContext context, SessionResolver resolver, SessionRevoker revoker, SessionCookies cookies)
    {
        var sessionId = await resolver.IdentifyAsync(context);
        if (sessionId is not null)
        {
            await revoker.RevokeAsync(sessionId, RevocationReasons.Logout, RevocationActors.User, SessionRequestInfo.From(context), context.RequestAborted);
        }

        if (cookies.HasAny(context.Request.Headers.Cookie))
        {
            cookies.Clear(context.Response);
        }

        return TypedResults.NoContent();
    }
}
