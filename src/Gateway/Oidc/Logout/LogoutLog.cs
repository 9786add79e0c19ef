namespace Gateway.Oidc.Logout;

internal static partial class LogoutLog
{
    [LoggerMessage(EventId = 2420, EventName = "ProviderRefreshTokenRevoked", Level = LogLevel.Information,
        Message = "The OP refresh token of ended session {SessionId} was revoked at the OpenID Provider")]
    public static partial void RefreshTokenRevoked(ILogger logger, string sessionId);

    [LoggerMessage(EventId = 2421, EventName = "ProviderRefreshTokenRevocationFailed", Level = LogLevel.Warning,
        Message = "The OP refresh token of ended session {SessionId} could not be revoked after {Attempts} attempts; it lives until it expires at the OP")]
    public static partial void RefreshTokenRevocationFailed(ILogger logger, string sessionId, int attempts);

    [LoggerMessage(EventId = 2422, EventName = "ProviderRefreshTokenRevocationError", Level = LogLevel.Error,
        Message = "Revoking the OP refresh token of ended session {SessionId} failed")]
    public static partial void RefreshTokenRevocationError(ILogger logger, string sessionId, Exception exception);

    [LoggerMessage(EventId = 2423, EventName = "BackchannelLogoutRefused", Level = LogLevel.Warning,
        Message = "A back-channel logout token was refused from {Ip}: {Reason}")]
    public static partial void BackchannelLogoutRefused(ILogger logger, string? ip, string reason);

    [LoggerMessage(EventId = 2424, EventName = "BackchannelLogoutAccepted", Level = LogLevel.Information,
        Message = "A back-channel logout for subject {Subject} (OP session {ProviderSessionId}) ended {Count} session(s)")]
    public static partial void BackchannelLogoutAccepted(ILogger logger, string? subject, string? providerSessionId, int count);

    [LoggerMessage(EventId = 2425, EventName = "BackchannelLogoutReplayed", Level = LogLevel.Warning,
        Message = "A back-channel logout token was delivered again (same jti) from {Ip}; nothing changed")]
    public static partial void BackchannelLogoutReplayed(ILogger logger, string? ip);
}
