namespace Gateway.Oidc.Logout;

internal enum BackchannelLogoutResult
{
    /// <summary>Valid (sessions ended, or none matched, or the jti was already accepted): 200.</summary>
    Accepted,

    /// <summary>Not a valid logout token: 400, nothing changes.</summary>
    Invalid,

    /// <summary>The OP's keys cannot be fetched: 503, the OP retries.</summary>
    ProviderUnavailable,
}
