namespace Gateway.Sessions.Refresh;

internal static partial class RefreshLog
{
    [LoggerMessage(EventId = 1201, EventName = "RefreshReuseDetected", Level = LogLevel.Warning,
        Message = "Refresh token reuse on session {SessionId} of user {UserId} from {Ip}: the session is revoked")]
    public static partial void RefreshReuseDetected(ILogger logger, string sessionId, string userId, string? ip);

    [LoggerMessage(EventId = 1202, EventName = "RefreshDatabaseUnavailable", Level = LogLevel.Warning,
        Message = "Refresh could not reach the database; the session is kept and the client told to retry")]
    public static partial void RefreshDatabaseUnavailable(ILogger logger, Exception exception);
}
