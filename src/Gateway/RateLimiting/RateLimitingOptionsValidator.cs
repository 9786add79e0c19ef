using Microsoft.Extensions.Options;

namespace Gateway.RateLimiting;

internal sealed class RateLimitingOptionsValidator : IValidateOptions<RateLimitingOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitingOptions options) =>
        options.LoginPermitsPerMinute is >= 1 and <= 10_000
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{RateLimitingOptions.SectionName}:LoginPermitsPerMinute must be between 1 and 10000.");
}
