namespace Gateway.Admin;

/// <summary>An expected CLI failure: its message is the one line printed on standard error, exit code 1.</summary>
internal sealed class AdminCommandException(string message) : Exception(message);
