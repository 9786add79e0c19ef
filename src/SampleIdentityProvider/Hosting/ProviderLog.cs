using SampleIdentityProvider.Faults;

namespace SampleIdentityProvider.Hosting;

internal static partial class ProviderLog
{
    [LoggerMessage(EventId = 1, EventName = "ProviderStarted", Level = LogLevel.Information,
        Message = "Sample OpenID Provider listening on {Addresses}, issuer {Issuer}, client {ClientId} at {GatewayOrigin}")]
    public static partial void ProviderStarted(ILogger logger, string addresses, string issuer, string clientId, string gatewayOrigin);

    [LoggerMessage(EventId = 2, EventName = "FaultInjected", Level = LogLevel.Debug,
        Message = "Fault {Fault} injected at {Path}")]
    public static partial void FaultInjected(ILogger logger, EndpointFault fault, string path);

    [LoggerMessage(EventId = 3, EventName = "SessionStarted", Level = LogLevel.Debug,
        Message = "User {Subject} signed in, provider session {SessionId}")]
    public static partial void SessionStarted(ILogger logger, string subject, string sessionId);

    [LoggerMessage(EventId = 4, EventName = "BackchannelLogoutSent", Level = LogLevel.Debug,
        Message = "Back-channel logout for subject {Subject}, session {SessionId} posted to {Uri}: {StatusCode}")]
    public static partial void BackchannelLogoutSent(ILogger logger, string? subject, string? sessionId, string uri, int statusCode);

    [LoggerMessage(EventId = 5, EventName = "BackchannelLogoutFailed", Level = LogLevel.Warning,
        Message = "Back-channel logout for subject {Subject}, session {SessionId} could not be posted to {Uri}: {Reason}")]
    public static partial void BackchannelLogoutFailed(ILogger logger, string? subject, string? sessionId, string uri, string reason);
}
