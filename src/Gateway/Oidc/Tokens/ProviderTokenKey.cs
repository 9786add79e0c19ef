namespace Gateway.Oidc.Tokens;

/// <summary>
/// Which access token a route needs: its resource indicator and scope, in one comparable string. The token the
/// login itself returned (no resource, no scope) is <see cref="Default"/>.
/// </summary>
internal static class ProviderTokenKey
{
    public const string Default = "";

    public static string For(string? resource, string? scope)
    {
        var normalizedScope = NormalizeScope(scope);
        return string.IsNullOrEmpty(resource) && normalizedScope.Length == 0 ? Default : $"{resource}|{normalizedScope}";
    }

    /// <summary>Scopes sorted and without repeats: <c>b a</c> and <c>a b a</c> name the same token.</summary>
    public static string NormalizeScope(string? scope) =>
        string.Join(' ', (scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
}
