using Gateway.Http;
using Gateway.Sessions.Login;
using Gateway.Sessions.Refresh;
using Gateway.Sessions.Revocation;
using Gateway.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Gateway.Sessions.Endpoints;

/// <summary><c>/auth/login</c>, <c>/auth/session</c>, <c>/auth/refresh</c>, <c>/auth/logout</c>, the device list and the password change.</summary>
internal static class SessionEndpoints
{
    public static RouteGroupBuilder MapGatewaySessions(this RouteGroupBuilder auth)
    {
        auth.MapGet("/session", GetSession);
        auth.MapPost("/refresh", Refresh);
        DeviceEndpoints.MapDevices(auth);
        var oidc = ((IEndpointRouteBuilder)auth).ServiceProvider.GetRequiredService<IOptions<AuthenticationOptions>>().Value.IsOidc;
        var mode = oidc ? new AuthenticationModeBody("oidc", "/auth/login") : new AuthenticationModeBody("local", null);
        auth.MapGet("/mode", () => TypedResults.Ok(mode));
        if (oidc)
        {
            // OpenID Connect mode: no local passwords; the OP signs users in and Oidc/ maps its own login and logout.
            auth.MapPost("/login", LocalUsersDisabled);
            auth.MapPost("/password", LocalUsersDisabled);
            return auth;
        }

        // Its limits are spent by LoginService, after the group's CSRF check and the body's validation: a refused request spends none.
        auth.MapPost("/login", Login);
        auth.MapPost("/logout", Logout);
        return PasswordEndpoints.MapPassword(auth);
    }

    private static ProblemHttpResult LocalUsersDisabled() =>
        ProblemResults.NotFound("Local users are disabled in Oidc mode: sign in at the OpenID Provider through GET /auth/login.");

    private static async Task<Results<Ok<SessionBody>, ProblemHttpResult>> Login(HttpContext context, LoginService login, SessionCookies cookies)
    {
        var (request, problem) = await JsonBody.ReadAsync(context.Request, SessionsJsonContext.Default.LoginRequest);
        if (problem is not null)
        {
            return problem;
        }

        var result = await login.LoginAsync(context, request!);
        switch (result.Status)
        {
            case LoginStatus.SignedIn:
                cookies.Write(context.Response, result.Session!);
                return TypedResults.Ok(SessionBody.From(result.Session!.Ticket));
            case LoginStatus.Malformed:
                return ProblemResults.InvalidRequest(result.Detail!);
            case LoginStatus.RateLimited:
                return ProblemResults.RateLimited(context.Response, result.RetryAfter!.Value);
            case LoginStatus.Busy:
                return ProblemResults.Overloaded(context.Response);
            default:
                return ProblemResults.InvalidCredentials();
        }
    }

    private static async Task<Results<Ok<SessionBody>, ProblemHttpResult>> GetSession(HttpContext context, CurrentSession current)
    {
        var (ticket, problem) = await current.RequireAsync(context);
        return problem is null ? TypedResults.Ok(SessionBody.From(ticket!)) : problem;
    }

    private static async Task<Results<Ok<SessionBody>, ProblemHttpResult>> Refresh(
        HttpContext context, SessionResolver resolver, SessionResponder responder, IOptions<TokenOptions> options)
    {
        var session = await resolver.RefreshNowAsync(context, options.Value.Audience);
        return responder.Answer(context.Response, session) is { } problem
            ? problem
            : TypedResults.Ok(SessionBody.From(session.Issued!.Ticket));
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
