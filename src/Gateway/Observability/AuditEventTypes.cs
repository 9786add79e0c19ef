namespace Gateway.Observability;

internal static class AuditEventTypes
{
    public const string LoginSucceeded = "login.succeeded";
    public const string LoginFailed = "login.failed";
    public const string LockedOut = "login.locked-out";
    public const string RefreshReuseDetected = "refresh.reuse-detected";
    public const string SessionRevoked = "session.revoked";
    public const string PasswordChanged = "password.changed";
    public const string PasswordChangeFailed = "password.change-failed";
    public const string UserCreated = "user.created";
    public const string UserRemoved = "user.removed";
    public const string KeyRotated = "key.rotated";
    public const string KeyRevoked = "key.revoked";
}
