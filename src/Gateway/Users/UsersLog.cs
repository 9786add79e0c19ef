namespace Gateway.Users;

internal static partial class UsersLog
{
    [LoggerMessage(EventId = 1100, EventName = "DemoUserReady", Level = LogLevel.Warning,
        Message = "Demo user '{UserName}' with the README's password is enabled: for local trials only")]
    public static partial void DemoUserReady(ILogger logger, string userName);
}
