namespace Gateway.Hosting;

/// <summary>The gateway refuses to start; the message is the one line printed to the operator.</summary>
internal sealed class GatewayStartupException(string message) : Exception(message);
