using Gateway.Http;
using Gateway.RateLimiting;
using Gateway.Sessions.Revocation;
using Gateway.Users;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Gateway.Sessions.Endpoints;

/// <summary><c>POST /auth/password</c>: the signed-in user changes their password; their other sessions end.</summary>
internal static class PasswordEndpoints
{
    public static RouteGroupBuilder MapGatewayUsers(this RouteGroupBuilder auth)
    {
        auth.MapPost("/password", ChangePassword);
        return auth;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ChangePassword(
        HttpContext context, CurrentSession current, UserService users, PasswordHashing hashing, SessionRevoker revoker, LoginRateLimits rateLimits)
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

        if (string.IsNullOrEmpty(request!.CurrentPassword) || string.IsNullOrEmpty(request.NewPassword))
        {
            return ProblemResults.InvalidRequest("Both currentPassword and newPassword are required.");
        }

        var user = await users.FindByIdAsync(ticket!.Claims.UserId, context.RequestAborted);
        if (user is null)
        {
            return ProblemResults.Unauthenticated();
        }

        // The current password is a credential check like a login: same per-user limit against guessing.
        if (rateLimits.TryAcquireForUser(user.NormalizedName) is { } retryAfter)
        {
            LoginRateLimits.SetRetryAfter(context.Response, retryAfter);
            return ProblemResults.RateLimited();
        }

        var verdict = await hashing.VerifyAsync(user.PasswordHash, request.CurrentPassword, context.RequestAborted);
        if (verdict is null)
        {
            LoginRateLimits.SetRetryAfter(context.Response, TimeSpan.FromSeconds(1));
            return ProblemResults.Overloaded();
        }

        if (verdict == PasswordVerificationResult.Failed)
        {
            return ProblemResults.WeakPassword("The current password is wrong.");
        }

        var change = await users.SetPasswordAsync(user, request.NewPassword, "user", context.RequestAborted);
        if (!change.Succeeded)
        {
            return ProblemResults.WeakPassword(change.Error!);
        }

        await revoker.RevokeUserSessionsAsync(user.Id, ticket.SessionId, RevocationReasons.PasswordChanged, RevocationActors.User,
            SessionRequestInfo.From(context), context.RequestAborted);
        return TypedResults.NoContent();
    }
}
