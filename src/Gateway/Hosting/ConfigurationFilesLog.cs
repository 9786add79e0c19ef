namespace Gateway.Hosting;

internal static partial class ConfigurationFilesLog
{
    [LoggerMessage(EventId = 2100, EventName = "ConfigurationReloaded", Level = LogLevel.Information,
        Message = "Reloaded {File}")]
    public static partial void Reloaded(ILogger logger, string file);

    [LoggerMessage(EventId = 2101, EventName = "ConfigurationReloadRefused", Level = LogLevel.Error,
        Message = "Refused the change to {Reason} The last good configuration stays in force until the file is fixed.")]
    public static partial void ReloadRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 2102, EventName = "ConfigurationChangeFailed", Level = LogLevel.Error,
        Message = "A configuration change could not be applied: {Reason} Later changes are still watched.")]
    public static partial void ChangeFailed(ILogger logger, string reason);
}
