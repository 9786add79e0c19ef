namespace Gateway.Tokens;

internal sealed class TokenOptions
{
    public const string SectionName = "Gateway:Tokens";

    /// <summary><c>iss</c> of every token and base of the discovery document; default <c>http://localhost:5000</c>.</summary>
    public string Issuer { get; set; } = "http://localhost:5000";

    /// <summary><c>aud</c> of access tokens when the cluster names none; default <c>api</c>.</summary>
    public string Audience { get; set; } = "api";

    /// <summary>Access token lifetime; default 5 minutes.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Refresh token idle lifetime, renewed at each rotation; default 7 days.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Absolute session lifetime from login; default 30 days.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Window in which a just-rotated refresh token resolves to its successor; default 30 s, at most 60 s.</summary>
    public TimeSpan RefreshGracePeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a new signing key is published before it signs; default 10 minutes.</summary>
    public TimeSpan KeyPublicationDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Algorithm of new signing keys: <c>RS256</c> (default, cheapest for downstreams to verify) or <c>ES256</c>.</summary>
    public string SigningAlgorithm { get; set; } = SigningAlgorithms.RS256;

    /// <summary>
    /// How often the key ring is re-read from the database, so a key rotated in by the CLI or another instance
    /// signs here within that time (at once with <c>keys rotate --now</c>); default 1 s. The JWKS reads it on each request.
    /// </summary>
    public TimeSpan KeyRingRefreshInterval { get; set; } = TimeSpan.FromSeconds(1);
}
