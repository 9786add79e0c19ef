namespace Gateway.Sessions;

/// <summary>
/// The gateway's two cookie names. With <c>Secure</c> they carry the <c>__Host-</c> prefix, which browsers
/// accept only with Secure, Path=/ and no Domain: no subdomain can plant or shadow them.
/// </summary>
internal static class SessionCookieNames
{
    public const string SecureAccess = "__Host-gw-access";
    public const string SecureRefresh = "__Host-gw-refresh";
    public const string PlainAccess = "gw-access";
    public const string PlainRefresh = "gw-refresh";

    /// <summary>OpenID Connect mode's login-state cookies: this prefix and the login's id.</summary>
    public const string SecureLoginStatePrefix = "__Host-gateway.login.";
    public const string PlainLoginStatePrefix = "gateway.login.";

    public static string LoginStatePrefix(bool secure) => secure ? SecureLoginStatePrefix : PlainLoginStatePrefix;

    public static string Access(bool secure) => secure ? SecureAccess : PlainAccess;

    public static string Refresh(bool secure) => secure ? SecureRefresh : PlainRefresh;

    /// <summary>
    /// Both spellings count, whatever <c>Secure</c> says, and so do login-state cookies: none may reach a downstream
    /// or be set by one.
    /// </summary>
    public static bool IsGatewayCookie(ReadOnlySpan<char> name) =>
        name is SecureAccess or SecureRefresh or PlainAccess or PlainRefresh
        || name.StartsWith(SecureLoginStatePrefix, StringComparison.Ordinal)
        || name.StartsWith(PlainLoginStatePrefix, StringComparison.Ordinal);
}
