using Microsoft.Extensions.Options;

namespace Gateway.Cleanup;

internal sealed class CleanupOptionsValidator : IValidateOptions<CleanupOptions>
{
    public ValidateOptionsResult Validate(string? name, CleanupOptions options)
    {
        const string Section = CleanupOptions.SectionName;
        if (options.Interval <= TimeSpan.Zero)
        {
            return ValidateOptionsResult.Fail($"{Section}:Interval must be a positive time span.");
        }

        if (options.BatchSize is < 1 or > 100_000)
        {
            return ValidateOptionsResult.Fail($"{Section}:BatchSize must be between 1 and 100000.");
        }

        return options.EndedSessionRetention < TimeSpan.Zero || options.AuditRetention < TimeSpan.Zero
            ? ValidateOptionsResult.Fail($"{Section}:EndedSessionRetention and {Section}:AuditRetention must not be negative.")
            : ValidateOptionsResult.Success;
    }
}
