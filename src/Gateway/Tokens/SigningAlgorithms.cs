namespace Gateway.Tokens;

internal static class SigningAlgorithms
{
    public const string RS256 = "RS256";
    public const string ES256 = "ES256";

    public static bool IsSupported(string? algorithm) => algorithm is RS256 or ES256;
}
