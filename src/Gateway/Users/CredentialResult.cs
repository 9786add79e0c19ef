namespace Gateway.Users;

internal enum CredentialOutcome
{
    Valid,

    /// <summary>Unknown user or wrong password: the caller cannot and must not tell which.</summary>
    Invalid,

    /// <summary>Too many recent failures for this account; answered exactly like <see cref="Invalid"/>.</summary>
    LockedOut,

    /// <summary>Too many password checks already queued: answer 503 quickly rather than starve the proxy.</summary>
    Busy,
}

internal sealed record CredentialResult(CredentialOutcome Outcome, User? User = null);
