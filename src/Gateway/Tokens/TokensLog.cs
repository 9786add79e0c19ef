namespace Gateway.Tokens;

internal static partial class TokensLog
{
    [LoggerMessage(EventId = 1300, EventName = "SigningKeyLoaded", Level = LogLevel.Information,
        Message = "Signing key {Kid} (generation {Generation}) loaded, signs from {ActivatesAt:o}")]
    public static partial void SigningKeyLoaded(ILogger logger, string kid, int generation, DateTimeOffset activatesAt);

    [LoggerMessage(EventId = 1301, EventName = "SigningKeyUnreadable", Level = LogLevel.Error,
        Message = "Signing key {Kid} cannot be decrypted with the Data Protection key ring; it is skipped")]
    public static partial void SigningKeyUnreadable(ILogger logger, string kid, Exception exception);

    [LoggerMessage(EventId = 1302, EventName = "KeyRingReloadFailed", Level = LogLevel.Warning,
        Message = "Signing key ring reload failed; the keys in memory stay in use")]
    public static partial void KeyRingReloadFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1303, EventName = "SigningKeyRevoked", Level = LogLevel.Warning,
        Message = "Signing key {Kid} is revoked: no longer published, never signs again; tokens it signed are refreshed on their next use")]
    public static partial void SigningKeyRevoked(ILogger logger, string kid);
}
