namespace Gateway.Sessions;

internal sealed record LoginRequest(string? Username, string? Password);
