namespace Gateway.Sessions.Revocation;

internal static class RevocationReasons
{
    public const string Logout = "logout";
    public const string NewLogin = "new-login";
    public const string RevokedByUser = "revoked-by-user";
    public const string PasswordChanged = "password-changed";
    public const string Admin = "admin";
    public const string Reuse = "reuse-detected";
}
