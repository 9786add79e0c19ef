namespace Gateway.Oidc.Login;

/// <summary>The <c>loginError</c> codes a failed login comes back to the app with (CONTRACT-OIDC.md, <c>GET /auth/callback</c>).</summary>
internal static class LoginErrors
{
    public const string ParameterName = "loginError";

    public const string AccessDenied = "access_denied";
    public const string LoginRequired = "login_required";
    public const string ConsentRequired = "consent_required";
    public const string InteractionRequired = "interaction_required";
    public const string AccountSelectionRequired = "account_selection_required";
    public const string ProviderError = "provider_error";
    public const string InvalidResponse = "invalid_response";
    public const string ProviderUnavailable = "provider_unavailable";

    /// <summary>The OP's own <c>error</c> where the contract passes it on; anything else is <see cref="ProviderError"/>.</summary>
    public static string FromProviderError(string error) => error switch
    {
        AccessDenied or LoginRequired or ConsentRequired or InteractionRequired or AccountSelectionRequired => error,
        _ => ProviderError,
    };
}
