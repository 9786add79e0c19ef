using Microsoft.Extensions.Options;

namespace Gateway.Sessions;

internal sealed class SessionOptionsValidator : IValidateOptions<SessionOptions>
{
    public ValidateOptionsResult Validate(string? name, SessionOptions options) =>
        options.RevocationPollInterval > TimeSpan.Zero
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{SessionOptions.SectionName}:RevocationPollInterval must be a positive time span.");
}
