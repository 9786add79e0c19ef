using Yarp.ReverseProxy.Forwarder;

namespace Gateway.Proxy;

/// <summary>
/// What a failed forward costs in the logs, by whose fault it was. YARP's own forwarder warnings (a stack trace per
/// failed request, client faults included) are filtered out in <see cref="ProxyServiceCollectionExtensions"/>.
/// </summary>
internal static partial class ProxyLog
{
    [LoggerMessage(EventId = 1600, EventName = "DownstreamFailed", Level = LogLevel.Warning,
        Message = "Forwarding {Method} {Path} failed ({Error}): {Reason}")]
    public static partial void DownstreamFailed(ILogger logger, string method, PathString path, ForwarderError error, string reason);

    // Debug, without the exception: any anonymous client can cause one per request.
    [LoggerMessage(EventId = 1601, EventName = "ClientBrokeRequest", Level = LogLevel.Debug,
        Message = "The client broke off {Method} {Path} ({Error})")]
    public static partial void ClientBrokeRequest(ILogger logger, string method, PathString path, ForwarderError error);

    [LoggerMessage(EventId = 1602, EventName = "GatewayFault", Level = LogLevel.Error,
        Message = "The gateway failed while forwarding {Method} {Path} ({Error})")]
    public static partial void GatewayFault(ILogger logger, string method, PathString path, ForwarderError error, Exception? exception);

    [LoggerMessage(EventId = 1603, EventName = "ProxyDatabaseUnavailable", Level = LogLevel.Warning,
        Message = "Database unavailable while forwarding {Method} {Path}; answered 503: {Reason}")]
    public static partial void DatabaseUnavailable(ILogger logger, string method, PathString path, string reason);
}
