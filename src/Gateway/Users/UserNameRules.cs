namespace Gateway.Users;

internal static class UserNameRules
{
    public const int MaxLength = 64;

    /// <summary>Letters, digits and <c>. _ - @</c>, 1 to 64 characters: no spaces, controls or look-alike separators.</summary>
    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name)
        && name.Length <= MaxLength
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@');
}
