namespace Gateway.Sessions.Endpoints;

internal sealed record SessionUser(string Id, string Name, IReadOnlyList<string> Roles);
