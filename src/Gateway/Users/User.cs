namespace Gateway.Users;

internal sealed class User
{
    public required string Id { get; init; }

    public required string Name { get; set; }

    /// <summary>Upper-invariant name: user names are unique without regard to case.</summary>
    public required string NormalizedName { get; set; }

    /// <summary>ASP.NET Core Identity's PBKDF2 format; never the password.</summary>
    public required string PasswordHash { get; set; }

    public IReadOnlyList<string> Roles { get; set; } = [];

    /// <summary>Created by the demo set-up with a password printed in the README; refused outside Development.</summary>
    public bool IsDemo { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset PasswordChangedAt { get; set; }

    public static string Normalize(string name) => name.Trim().ToUpperInvariant();
}
