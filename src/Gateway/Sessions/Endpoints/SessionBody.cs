using Gateway.Sessions.HotPath;
namespace Gateway.Sessions.Endpoints;

/// <summary>The contract's session body. Never a token: only who, which session and until when.</summary>
internal sealed record SessionBody(SessionUser User, string SessionId, DateTime AccessTokenExpiresAt, DateTime SessionExpiresAt)
{
    public static SessionBody From(AccessTicket ticket) => new(
        new SessionUser(ticket.Claims.UserId, ticket.Claims.UserName, ticket.Claims.Roles),
        ticket.SessionId,
        ticket.ExpiresAt.UtcDateTime,
        ticket.SessionExpiresAt.UtcDateTime);
}
