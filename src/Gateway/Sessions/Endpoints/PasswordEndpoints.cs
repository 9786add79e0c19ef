using Gateway.Forwarding;
using Gateway.Http;
using Gateway.Sessions.Revocation;
using Gateway.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Sessions.Endpoints;

/// <summary><c>POST /auth/password</c>: the signed-in user changes their password; their other sessions end.</summary>
internal static class PasswordEndpoints
{
    public static RouteGroupBuilder MapPassword(RouteGroupBuilder auth)
    {
        auth.MapPost("/password", ChangePassword);
        return auth;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ChangePassword(
        HttpContext context, CurrentSession current, PasswordChangeService passwords, SessionRevoker revoker)
    {
        var (ticket, problem) = await current.RequireAsync(context);
        if (problem is not null)
        {
            return problem;
        }

        var (request, malformed) = await JsonBody.ReadAsync(context.Request, SessionsJsonContext.Default.PasswordChangeRequest);
        if (malformed is not null)
        {
            return malformed;
        }

        var client = SessionRequestInfo.From(context);
        var result = await passwords.ChangeAsync(ticket!.Claims.UserId, request!.CurrentPassword, request.NewPassword,
            ClientNetwork.ClientIp(context), context.RequestAborted);
        switch (result.Status)
        {
            case PasswordChangeStatus.Changed:
                await revoker.RevokeUserSessionsAsync(ticket.Claims.UserId, ticket.SessionId, RevocationReasons.PasswordChanged,
                    RevocationActors.User, client, context.RequestAborted);
                return TypedResults.NoContent();
            case PasswordChangeStatus.Malformed:
                return ProblemResults.InvalidRequest(result.Detail!);
            case PasswordChangeStatus.RateLimited:
                return ProblemResults.RateLimited(context.Response, result.RetryAfter!.Value);
            case PasswordChangeStatus.Busy:
                return ProblemResults.Overloaded(context.Response);
            case PasswordChangeStatus.WrongCurrentPassword:
                return ProblemResults.WrongCurrentPassword();
            case PasswordChangeStatus.Weak:
                return ProblemResults.WeakPassword(result.Detail!);
            default:
                return ProblemResults.Unauthenticated();
        }
    }
}
