using Microsoft.Extensions.Options;

namespace Gateway.RateLimiting;

internal sealed class RateLimitingOptionsValidator : IValidateOptions<RateLimitingOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitingOptions options)
    {
        if (options.LoginPermitsPerMinute is < 1 or > 10_000)
        {
            return ValidateOptionsResult.Fail($"{RateLimitingOptions.SectionName}:LoginPermitsPerMinute must be between 1 and 10000.");
        }

        return options.RefreshPermitsPerMinute is < 1 or > 10_000
            ? ValidateOptionsResult.Fail($"{RateLimitingOptions.SectionName}:RefreshPermitsPerMinute must be between 1 and 10000.")
            : ValidateOptionsResult.Success;
    }
}
