namespace Gateway.Sessions.Revocation;

internal static partial class RevocationLog
{
    [LoggerMessage(EventId = 1200, EventName = "SessionRevoked", Level = LogLevel.Information,
        Message = "Session {SessionId} of user {UserId} revoked ({Reason})")]
    public static partial void SessionRevoked(ILogger logger, string sessionId, string userId, string reason);

    [LoggerMessage(EventId = 1203, EventName = "RevocationPollFailed", Level = LogLevel.Warning,
        Message = "Polling the revocation log failed; retrying at the next interval")]
    public static partial void RevocationPollFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1240, EventName = "RevocationListenerLost", Level = LogLevel.Warning,
        Message = "Listening for revocations failed; the poll covers meanwhile, reconnecting in about {RetrySeconds} s")]
    public static partial void RevocationListenerLost(ILogger logger, double retrySeconds, Exception exception);

    [LoggerMessage(EventId = 1241, EventName = "RevocationListenerListening", Level = LogLevel.Information,
        Message = "Listening for revocations made by other instances")]
    public static partial void RevocationListenerListening(ILogger logger);
}
