namespace Gateway.Sessions.Endpoints;

internal sealed record PasswordChangeRequest(string? CurrentPassword, string? NewPassword);
