namespace Gateway.Tokens;

/// <summary>Who and until when: everything an access token says but its audience and its id.</summary>
internal sealed record AccessTokenClaims(
    string UserId,
    string UserName,
    IReadOnlyList<string> Roles,
    string SessionId,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt);
