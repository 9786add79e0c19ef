namespace Gateway.Sessions;

internal sealed record SessionUser(string Id, string Name, IReadOnlyList<string> Roles);
