namespace Gateway.Tokens;

/// <summary>A signing key of the ring. Its private part is a Data Protection ciphertext.</summary>
internal sealed class SigningKey
{
    public required string Kid { get; init; }

    /// <summary>1 for the first key, +1 per rotation; unique, so two instances cannot both create generation N.</summary>
    public int Generation { get; init; }

    public required string Algorithm { get; init; }

    /// <summary>SubjectPublicKeyInfo, base64.</summary>
    public required string PublicKey { get; init; }

    /// <summary>PKCS#8 private key protected with Data Protection, base64url.</summary>
    public required string ProtectedPrivateKey { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>From this instant the key signs; before it, it is only published.</summary>
    public DateTimeOffset ActivatesAt { get; init; }

    /// <summary>Set by <c>keys revoke</c> (a compromised key): never published nor used again; null while in use.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
}
