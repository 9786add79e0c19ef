using Microsoft.Extensions.Options;

namespace Gateway.Users;

internal sealed class LockoutOptionsValidator : IValidateOptions<LockoutOptions>
{
    public ValidateOptionsResult Validate(string? name, LockoutOptions options)
    {
        if (options.MaxFailedAttempts is < 1 or > 1000)
        {
            return ValidateOptionsResult.Fail($"{LockoutOptions.SectionName}:MaxFailedAttempts must be between 1 and 1000.");
        }

        return options.Duration <= TimeSpan.Zero
            ? ValidateOptionsResult.Fail($"{LockoutOptions.SectionName}:Duration must be a positive time span.")
            : ValidateOptionsResult.Success;
    }
}
