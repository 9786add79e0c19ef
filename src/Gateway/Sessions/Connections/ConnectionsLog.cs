namespace Gateway.Sessions.Connections;

internal static partial class ConnectionsLog
{
    [LoggerMessage(EventId = 1245, EventName = "ConnectionsClosed", Level = LogLevel.Information,
        Message = "Closed {Count} open connection(s) of session {SessionId} ({Reason})")]
    public static partial void ConnectionsClosed(ILogger logger, int count, string sessionId, string reason);

    [LoggerMessage(EventId = 1246, EventName = "ConnectionSweepFailed", Level = LogLevel.Warning,
        Message = "Closing the connections of expired sessions failed; retrying at the next sweep")]
    public static partial void ConnectionSweepFailed(ILogger logger, Exception exception);
}
