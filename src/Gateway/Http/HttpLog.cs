namespace Gateway.Http;

internal static partial class HttpLog
{
    [LoggerMessage(EventId = 1000, EventName = "UnhandledException", Level = LogLevel.Error,
        Message = "Unhandled exception on {Path}")]
    public static partial void UnhandledException(ILogger logger, PathString path, Exception exception);

    [LoggerMessage(EventId = 1001, EventName = "DatabaseUnavailable", Level = LogLevel.Warning,
        Message = "Database unavailable while serving {Path}; answered 503")]
    public static partial void DatabaseUnavailable(ILogger logger, PathString path, Exception exception);
}
