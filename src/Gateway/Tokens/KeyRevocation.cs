namespace Gateway.Tokens;

/// <summary>What <c>keys revoke</c> did: the outcome and, when the revoked key was signing, the key that signs now.</summary>
internal sealed record KeyRevocation(KeyRevocationOutcome Outcome, SigningKey? Replacement = null);

internal enum KeyRevocationOutcome
{
    Revoked,
    AlreadyRevoked,
    NotFound,
}
