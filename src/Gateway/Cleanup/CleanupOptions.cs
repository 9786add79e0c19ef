namespace Gateway.Cleanup;

internal sealed class CleanupOptions
{
    public const string SectionName = "Gateway:Cleanup";

    /// <summary>Time between cleanup runs; default 15 minutes.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Rows deleted per statement, so no run holds the database for long; default 500.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>How long ended (revoked or expired) sessions are kept before deletion; default 1 day.</summary>
    public TimeSpan EndedSessionRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long audit rows are kept; default 90 days.</summary>
    public TimeSpan AuditRetention { get; set; } = TimeSpan.FromDays(90);
}
