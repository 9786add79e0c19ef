namespace Gateway.Oidc.Logout;

/// <summary>What <c>endSessionUrl</c>'s opaque ticket says, encrypted: which ended session, and where to come back to.</summary>
internal sealed record LogoutTicket(string SessionId, string ReturnUrl, DateTimeOffset ExpiresAt);

/// <summary>The <c>state</c> the OP hands back to <c>/auth/logout/callback</c>, encrypted: where to come back to.</summary>
internal sealed record LogoutState(string ReturnUrl, DateTimeOffset ExpiresAt);

/// <summary>The body of <c>POST /auth/logout</c> when the OP's session can be ended too.</summary>
internal sealed record LogoutAnswer(string EndSessionUrl);
