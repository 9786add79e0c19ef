using Gateway.Tokens;

namespace Gateway.Sessions.HotPath;

/// <summary>
/// What the access cookie holds: the access token's claims, one minted JWT (for <see cref="Audience"/>) and
/// when the session ends if unused. Tokens for other audiences are minted from the claims when first needed.
/// <see cref="Kid"/> names the key that signed <see cref="Jwt"/>: once that key is revoked, the ticket counts as expired.
/// </summary>
internal sealed record AccessTicket(AccessTokenClaims Claims, string Audience, string Jwt, DateTimeOffset SessionExpiresAt, string? Kid)
{
    public string SessionId => Claims.SessionId;

    public DateTimeOffset ExpiresAt => Claims.ExpiresAt;
}
