namespace Gateway.Sessions;

internal static partial class SessionsLog
{
    [LoggerMessage(EventId = 1200, EventName = "SessionRevoked", Level = LogLevel.Information,
        Message = "Session {SessionId} of user {UserId} revoked ({Reason})")]
    public static partial void SessionRevoked(ILogger logger, string sessionId, string userId, string reason);

    [LoggerMessage(EventId = 1201, EventName = "RefreshReuseDetected", Level = LogLevel.Warning,
        Message = "Refresh token reuse on session {SessionId} of user {UserId} from {Ip}: the session is revoked")]
    public static partial void RefreshReuseDetected(ILogger logger, string sessionId, string userId, string? ip);

    [LoggerMessage(EventId = 1202, EventName = "RefreshDatabaseUnavailable", Level = LogLevel.Warning,
        Message = "Refresh could not reach the database; the session is kept and the client told to retry")]
    public static partial void RefreshDatabaseUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1203, EventName = "RevocationPollFailed", Level = LogLevel.Warning,
        Message = "Polling the revocation log failed; retrying at the next interval")]
    public static partial void RevocationPollFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1204, EventName = "LoginSucceeded", Level = LogLevel.Information,
        Message = "User {UserId} signed in, session {SessionId}")]
    public static partial void LoginSucceeded(ILogger logger, string userId, string sessionId);

    [LoggerMessage(EventId = 1205, EventName = "LoginFailed", Level = LogLevel.Information,
        Message = "Sign-in failed ({Outcome}) from {Ip}")]
    public static partial void LoginFailed(ILogger logger, Users.CredentialOutcome outcome, string? ip);
}
