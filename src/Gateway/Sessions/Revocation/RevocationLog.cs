namespace Gateway.Sessions.Revocation;

internal static partial class RevocationLog
{
    [LoggerMessage(EventId = 1200, EventName = "SessionRevoked", Level = LogLevel.Information,
        Message = "Session {SessionId} of user {UserId} revoked ({Reason})")]
    public static partial void SessionRevoked(ILogger logger, string sessionId, string userId, string reason);

    [LoggerMessage(EventId = 1203, EventName = "RevocationPollFailed", Level = LogLevel.Warning,
        Message = "Polling the revocation log failed; retrying at the next interval")]
    public static partial void RevocationPollFailed(ILogger logger, Exception exception);
}
