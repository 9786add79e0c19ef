namespace Gateway.Sessions.Login;

/// <summary>
/// Who a new session is for. <see cref="StoredOnSession"/>: the name and roles are the OP's, kept on the session row
/// (there is no local user to read them from at each rotation).
/// </summary>
internal sealed record SessionIdentity(string UserId, string UserName, IReadOnlyList<string> Roles, bool StoredOnSession);
