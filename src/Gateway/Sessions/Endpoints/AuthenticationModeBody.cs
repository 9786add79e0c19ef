namespace Gateway.Sessions.Endpoints;

/// <summary>
/// <c>GET /auth/mode</c>: how this gateway signs users in, for a browser app to choose its sign-in (a form posting
/// to <c>/auth/login</c>, or a navigation to <see cref="LoginUrl"/>). Never a token; the same for everyone.
/// </summary>
internal sealed record AuthenticationModeBody(string Mode, string? LoginUrl);
