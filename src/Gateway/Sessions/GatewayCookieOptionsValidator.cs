using Microsoft.Extensions.Options;

namespace Gateway.Sessions;

internal sealed class GatewayCookieOptionsValidator : IValidateOptions<GatewayCookieOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayCookieOptions options) =>
        // The binder also takes numbers ("2"), defined or not.
        Enum.IsDefined(options.SameSite)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{GatewayCookieOptions.SectionName}:SameSite must be Strict or Lax.");
}
