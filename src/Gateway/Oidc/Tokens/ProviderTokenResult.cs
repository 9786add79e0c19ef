namespace Gateway.Oidc.Tokens;

internal enum ProviderTokenOutcome
{
    /// <summary><see cref="ProviderTokenResult.Authorization"/> is the header to forward.</summary>
    Token,

    /// <summary>The OP ended the grant (<c>invalid_grant</c>), or its token expired with no way to refresh it: 401, cookies cleared.</summary>
    SessionEnded,

    /// <summary>No usable token and the OP cannot give one now: 503 + Retry-After, the session kept.</summary>
    Unavailable,
}

/// <summary>What a route's OP token came to: the <c>Authorization</c> value, or why there is none.</summary>
internal readonly record struct ProviderTokenResult(ProviderTokenOutcome Outcome, string? Authorization)
{
    public static ProviderTokenResult Unavailable => new(ProviderTokenOutcome.Unavailable, null);

    public static ProviderTokenResult SessionEnded => new(ProviderTokenOutcome.SessionEnded, null);

    public static ProviderTokenResult From(CachedProviderToken token) => new(ProviderTokenOutcome.Token, token.Authorization);
}
