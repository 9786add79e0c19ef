namespace Gateway.Sessions;

/// <summary>A new cookie pair plus what the database must learn about its refresh token.</summary>
internal sealed record IssuedTokens(IssuedSession Session, string RefreshHash, DateTimeOffset RefreshExpiresAt);
