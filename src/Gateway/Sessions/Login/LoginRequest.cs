namespace Gateway.Sessions.Login;

internal sealed record LoginRequest(string? Username, string? Password);
