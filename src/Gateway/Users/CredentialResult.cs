namespace Gateway.Users;

internal enum CredentialOutcome
{
    Valid,

    /// <summary>Unknown user or wrong password: the caller cannot and must not tell which.</summary>
    Invalid,

    /// <summary>Too many recent failures for this user from this network; answered exactly like <see cref="Invalid"/>.</summary>
    LockedOut,

    /// <summary>Too many failures for this user from this network this minute: nothing was checked; retry after <see cref="CredentialResult.RetryAfter"/>.</summary>
    RateLimited,

    /// <summary>Too many password checks already queued: answer 503 quickly rather than starve the proxy.</summary>
    Busy,
}

/// <param name="Network">The client's network (<c>203.0.113.0/24</c>) the check was counted against.</param>
internal sealed record CredentialResult(CredentialOutcome Outcome, User? User = null, string? Network = null, TimeSpan? RetryAfter = null);
