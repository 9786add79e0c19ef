namespace Gateway.Sessions.Revocation;

internal static class RevocationReasons
{
    public const string Logout = "logout";
    public const string NewLogin = "new-login";
    public const string RevokedByUser = "revoked-by-user";
    public const string PasswordChanged = "password-changed";
    public const string Admin = "admin";
    public const string Reuse = "reuse-detected";

    /// <summary>OpenID Connect mode: the OP sent a back-channel logout token for the session.</summary>
    public const string BackchannelLogout = "backchannel-logout";

    /// <summary>OpenID Connect mode: the OP answered <c>invalid_grant</c> to a refresh of the session's tokens.</summary>
    public const string ProviderRefused = "provider-invalid-grant";

    /// <summary>OpenID Connect mode: the OP access token expired and the OP issued no refresh token.</summary>
    public const string ProviderTokenExpired = "provider-token-expired";
}
