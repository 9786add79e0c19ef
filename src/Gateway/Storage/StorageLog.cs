namespace Gateway.Storage;

internal static partial class StorageLog
{
    [LoggerMessage(EventId = 1700, EventName = "DatabaseReady", Level = LogLevel.Information,
        Message = "Database ready ({Provider}), schema up to date")]
    public static partial void DatabaseReady(ILogger logger, StorageProvider provider);
}
