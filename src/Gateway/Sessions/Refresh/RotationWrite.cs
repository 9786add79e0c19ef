namespace Gateway.Sessions.Refresh;

/// <summary>The rotation to attempt: consume <see cref="PresentedHash"/> if nobody has, and link its successor.</summary>
internal sealed record RotationWrite(
    string PresentedHash,
    string SessionId,
    string SuccessorHash,
    string SuccessorCookies,
    DateTimeOffset Now,
    DateTimeOffset SuccessorExpiresAt,
    SessionRequestInfo Client);
