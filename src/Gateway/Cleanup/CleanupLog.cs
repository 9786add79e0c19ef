namespace Gateway.Cleanup;

internal static partial class CleanupLog
{
    [LoggerMessage(EventId = 1800, EventName = "CleanupCompleted", Level = LogLevel.Debug,
        Message = "Cleanup removed or cleared {Rows} rows")]
    public static partial void CleanupCompleted(ILogger logger, int rows);

    [LoggerMessage(EventId = 1801, EventName = "CleanupFailed", Level = LogLevel.Warning,
        Message = "Cleanup run failed; the next run will try again")]
    public static partial void CleanupFailed(ILogger logger, Exception exception);
}
