namespace Gateway.Sessions;

/// <summary>One of the caller's live sessions as the device list shows it.</summary>
internal sealed record DeviceSession(
    string Id,
    DateTime CreatedAt,
    DateTime LastSeenAt,
    DateTime ExpiresAt,
    string? UserAgent,
    string? Ip,
    bool Current);
