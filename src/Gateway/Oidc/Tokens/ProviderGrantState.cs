namespace Gateway.Oidc.Tokens;

/// <summary>A session's OP grant as read from its row, tokens decrypted; <see cref="Version"/> names this state.</summary>
internal sealed record ProviderGrantState(
    string SessionId,
    long Version,
    string? RefreshToken,
    IReadOnlyList<ProviderAccessToken> AccessTokens,
    DateTimeOffset? LeaseExpiresAt)
{
    public ProviderAccessToken? Find(string key) => AccessTokens.FirstOrDefault(token => token.Key == key);

    public bool IsLeased(DateTimeOffset now) => LeaseExpiresAt > now;
}
