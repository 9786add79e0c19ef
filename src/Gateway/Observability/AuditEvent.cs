namespace Gateway.Observability;

/// <summary>A security event as a row: who, what, when, from where. Never a secret.</summary>
internal sealed class AuditEvent
{
    public long Id { get; init; }

    public DateTimeOffset At { get; init; }

    public required string Type { get; init; }

    public string? UserId { get; init; }

    public string? UserName { get; init; }

    public string? SessionId { get; init; }

    public string? Ip { get; init; }

    public string? UserAgent { get; init; }

    /// <summary>Short free text: a reason, who acted (user, admin, system).</summary>
    public string? Detail { get; init; }
}
