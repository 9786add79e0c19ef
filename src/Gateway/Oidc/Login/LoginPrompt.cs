namespace Gateway.Oidc.Login;

/// <summary>The <c>prompt</c> values a login may pass on to the OP (OIDC Core section 3.1.2.1).</summary>
internal static class LoginPrompt
{
    private static readonly string[] Allowed = ["none", "login", "consent", "select_account"];

    public static bool IsValid(string? prompt) => string.IsNullOrEmpty(prompt) || Allowed.Contains(prompt, StringComparer.Ordinal);

    public static string AllowedValues => string.Join(", ", Allowed);
}
