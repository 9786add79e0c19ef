using Gateway.Users;

namespace Gateway.Sessions.Login;

internal static partial class LoginLog
{
    [LoggerMessage(EventId = 1204, EventName = "LoginSucceeded", Level = LogLevel.Information,
        Message = "User {UserId} signed in, session {SessionId}")]
    public static partial void LoginSucceeded(ILogger logger, string userId, string sessionId);

    [LoggerMessage(EventId = 1205, EventName = "LoginFailed", Level = LogLevel.Information,
        Message = "Sign-in failed ({Outcome}) from {Ip}")]
    public static partial void LoginFailed(ILogger logger, CredentialOutcome outcome, string? ip);
}
