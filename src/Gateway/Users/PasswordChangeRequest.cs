namespace Gateway.Users;

internal sealed record PasswordChangeRequest(string? CurrentPassword, string? NewPassword);
