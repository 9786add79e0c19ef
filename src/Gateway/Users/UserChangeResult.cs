namespace Gateway.Users;

/// <summary>An account change that may be refused for a reason the user or admin can act on.</summary>
internal sealed record UserChangeResult(User? User, string? Error)
{
    public bool Succeeded => Error is null;

    public static UserChangeResult Done(User user) => new(user, null);

    public static UserChangeResult Refused(string error) => new(null, error);
}
