using Gateway.Storage;

namespace Gateway.Observability;

/// <summary>Security events as rows, added to the caller's unit of work so they commit with what they record.</summary>
internal sealed class AuditTrail(GatewayDbContext db, TimeProvider time)
{
    public AuditEvent Add(string type, string? userId = null, string? userName = null, string? sessionId = null,
        string? ip = null, string? userAgent = null, string? detail = null)
    {
        var row = new AuditEvent
        {
            At = time.GetUtcNow(),
            Type = type,
            UserId = userId,
            UserName = userName,
            SessionId = sessionId,
            Ip = ip,
            UserAgent = userAgent,
            Detail = detail,
        };
        db.Add(row);
        return row;
    }
}
