namespace Gateway.Tokens;

internal enum SigningKeyStatus
{
    /// <summary>Published, not signing yet: downstreams fetch it before it is used.</summary>
    Pending,

    /// <summary>The key that signs now.</summary>
    Active,

    /// <summary>Replaced, still published until every token it signed has expired.</summary>
    Retired,

    /// <summary>No live token can carry it: no longer published.</summary>
    Expired,

    /// <summary>Compromised (<c>keys revoke</c>): never published nor used again, whatever its times.</summary>
    Revoked,
}
