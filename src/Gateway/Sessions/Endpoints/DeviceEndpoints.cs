using Gateway.Http;
using Gateway.Sessions.Revocation;
using Gateway.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Sessions.Endpoints;

/// <summary>The caller's devices: <c>GET /auth/sessions</c>, <c>DELETE /auth/sessions/{id}</c>, <c>DELETE /auth/sessions</c>.</summary>
internal static class DeviceEndpoints
{
    public static RouteGroupBuilder MapDevices(RouteGroupBuilder auth)
    {
        auth.MapGet("/sessions", List);
        auth.MapDelete("/sessions/{id}", RevokeOne);
        auth.MapDelete("/sessions", RevokeOthers);
        return auth;
    }

    private static async Task<Results<Ok<IReadOnlyList<DeviceSession>>, ProblemHttpResult>> List(
        HttpContext context, CurrentSession current, DeviceList devices)
    {
        var (ticket, problem) = await current.RequireAsync(context);
        if (problem is not null)
        {
            return problem;
        }

        var live = await devices.LiveAsync(ticket!.Claims.UserId, context.RequestAborted);
        IReadOnlyList<DeviceSession> body = live
            .Select(session => new DeviceSession(
                session.Id,
                session.CreatedAt.UtcDateTime,
                session.LastSeenAt.UtcDateTime,
                DeviceList.EndsAt(session).UtcDateTime,
                session.UserAgent,
                session.Ip,
                session.Id == ticket.SessionId))
            .ToList();
        return TypedResults.Ok(body);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeOne(
        string id, HttpContext context, CurrentSession current, GatewayDbContext db, SessionRevoker revoker, SessionCookies cookies)
    {
        var (ticket, problem) = await current.RequireAsync(context);
        if (problem is not null)
        {
            return problem;
        }

        var mine = await db.Set<Session>().AnyAsync(
            session => session.Id == id && session.UserId == ticket!.Claims.UserId, context.RequestAborted);
        if (!mine)
        {
            // Another user's session and no session at all look the same: ids reveal nothing.
            return ProblemResults.NotFound("No such session among yours.");
        }

        await revoker.RevokeAsync(id, RevocationReasons.RevokedByUser, RevocationActors.User, SessionRequestInfo.From(context), context.RequestAborted);
        if (id == ticket!.SessionId)
        {
            cookies.Clear(context.Response);
        }

        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeOthers(
        HttpContext context, CurrentSession current, SessionRevoker revoker)
    {
        var (ticket, problem) = await current.RequireAsync(context);
        if (problem is not null)
        {
            return problem;
        }

        await revoker.RevokeUserSessionsAsync(ticket!.Claims.UserId, ticket.SessionId, RevocationReasons.RevokedByUser, RevocationActors.User,
            SessionRequestInfo.From(context), context.RequestAborted);
        return TypedResults.NoContent();
    }
}
