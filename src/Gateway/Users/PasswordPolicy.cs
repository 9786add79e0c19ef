namespace Gateway.Users;

/// <summary>
/// NIST SP 800-63B style: 8 to 128 characters, any characters but controls, no composition rules, not a
/// known common password (the README's demo password included), not the user name. Never truncated: PBKDF2 takes
/// the whole password.
/// </summary>
internal sealed class PasswordPolicy(CommonPasswords commonPasswords)
{
    public const int MinLength = 8;
    public const int MaxLength = 128;

    /// <summary>Null when acceptable, else a plain reason for the user.</summary>
    public string? Check(string password, string? userName)
    {
        var length = password.EnumerateRunes().Count();
        if (length < MinLength)
        {
            return $"The password must have at least {MinLength} characters.";
        }

        if (length > MaxLength)
        {
            return $"The password must have at most {MaxLength} characters.";
        }

        if (password.Any(char.IsControl))
        {
            return "The password must not contain control characters.";
        }

        if (userName is not null && string.Equals(password.Trim(), userName.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return "The password must not be the user name.";
        }

        if (string.Equals(password, DemoOptions.Password, StringComparison.OrdinalIgnoreCase))
        {
            return "This password is published in the gateway's README: choose another.";
        }

        return commonPasswords.Contains(password)
            ? "This password is too common: it appears in lists attackers try first."
            : null;
    }
}
