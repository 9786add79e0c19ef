namespace Gateway.Oidc;

internal static class TokenTypes
{
    public const string Names = "User, Gateway, Client or None";

    /// <summary>Exact names only (case-insensitive): a number or a typo is refused, not taken for some member.</summary>
    public static bool TryParse(string? value, out TokenType type)
    {
        foreach (var candidate in Enum.GetValues<TokenType>())
        {
            if (string.Equals(value, candidate.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }
}
