namespace Gateway.Oidc.Tokens;

internal static partial class TokensLog
{
    [LoggerMessage(EventId = 2430, EventName = "ProviderSessionEnded", Level = LogLevel.Information,
        Message = "Session {SessionId} ended by its OpenID Provider ({Reason})")]
    public static partial void SessionEndedByProvider(ILogger logger, string sessionId, string reason);

    [LoggerMessage(EventId = 2431, EventName = "ProviderRefreshNotStored", Level = LogLevel.Warning,
        Message = "A refresh of session {SessionId}'s OP tokens outlived its lease and was not stored; the next refresh reads the row again")]
    public static partial void RefreshNotStored(ILogger logger, string sessionId);

    [LoggerMessage(EventId = 2432, EventName = "ClientTokenUnavailable", Level = LogLevel.Warning,
        Message = "No client-credentials token could be obtained for resource {Resource}, scope {Scope}")]
    public static partial void ClientTokenUnavailable(ILogger logger, string? resource, string? scope);
}
