using Microsoft.Extensions.Options;

namespace Gateway.Tokens;

internal sealed class TokenOptionsValidator : IValidateOptions<TokenOptions>
{
    public static readonly TimeSpan MaxGracePeriod = TimeSpan.FromSeconds(60);

    public ValidateOptionsResult Validate(string? name, TokenOptions options)
    {
        const string Section = TokenOptions.SectionName;
        var failures = new List<string>();

        if (!Uri.TryCreate(options.Issuer, UriKind.Absolute, out var issuer)
            || issuer.Scheme is not ("http" or "https")
            || !string.IsNullOrEmpty(issuer.Query) || !string.IsNullOrEmpty(issuer.Fragment))
        {
            failures.Add($"{Section}:Issuer must be an absolute http(s) URL without query or fragment.");
        }

        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add($"{Section}:Audience must not be empty.");
        }

        RequirePositive(failures, options.AccessTokenLifetime, "AccessTokenLifetime");
        RequirePositive(failures, options.RefreshTokenLifetime, "RefreshTokenLifetime");
        RequirePositive(failures, options.SessionLifetime, "SessionLifetime");
        RequirePositive(failures, options.KeyRingRefreshInterval, "KeyRingRefreshInterval");

        if (options.RefreshGracePeriod < TimeSpan.Zero || options.RefreshGracePeriod > MaxGracePeriod)
        {
            failures.Add($"{Section}:RefreshGracePeriod must be between 00:00:00 and 00:01:00.");
        }

        if (options.KeyPublicationDelay < TimeSpan.Zero)
        {
            failures.Add($"{Section}:KeyPublicationDelay must not be negative.");
        }

        if (!SigningAlgorithms.IsSupported(options.SigningAlgorithm))
        {
            failures.Add($"{Section}:SigningAlgorithm must be RS256 or ES256.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequirePositive(List<string> failures, TimeSpan value, string key)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{TokenOptions.SectionName}:{key} must be a positive time span.");
        }
    }
}
