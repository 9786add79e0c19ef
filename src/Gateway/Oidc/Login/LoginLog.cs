namespace Gateway.Oidc.Login;

internal static partial class LoginLog
{
    [LoggerMessage(EventId = 2410, EventName = "ProviderLoginSucceeded", Level = LogLevel.Information,
        Message = "User {Subject} signed in at the OpenID Provider, session {SessionId}")]
    public static partial void ProviderLoginSucceeded(ILogger logger, string subject, string sessionId);

    [LoggerMessage(EventId = 2411, EventName = "ProviderLoginFailed", Level = LogLevel.Information,
        Message = "Sign-in at the OpenID Provider failed ({LoginError}) from {Ip}")]
    public static partial void ProviderLoginFailed(ILogger logger, string loginError, string? ip);

    [LoggerMessage(EventId = 2412, EventName = "IdTokenRefused", Level = LogLevel.Warning,
        Message = "The OpenID Provider's ID token was refused: {Reason}")]
    public static partial void IdTokenRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 2413, EventName = "PushedAuthorizationUnavailable", Level = LogLevel.Warning,
        Message = "A login needs a pushed authorization request and none could be made (no endpoint advertised: {NoEndpoint})")]
    public static partial void PushedAuthorizationUnavailable(ILogger logger, bool noEndpoint);
}
