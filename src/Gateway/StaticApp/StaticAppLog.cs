namespace Gateway.StaticApp;

internal static partial class StaticAppLog
{
    [LoggerMessage(EventId = 1900, EventName = "StaticAppServed", Level = LogLevel.Information,
        Message = "Serving the browser app from {Folder}")]
    public static partial void Served(ILogger logger, string folder);

    [LoggerMessage(EventId = 1901, EventName = "StaticAppDisabled", Level = LogLevel.Information,
        Message = "No browser app is served: Gateway:StaticApp:Path is empty")]
    public static partial void Disabled(ILogger logger);
}
