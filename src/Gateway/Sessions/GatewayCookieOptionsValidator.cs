using Microsoft.Extensions.Options;

namespace Gateway.Sessions;

internal sealed class GatewayCookieOptionsValidator : IValidateOptions<GatewayCookieOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayCookieOptions options) =>
        options.SameSite is SameSiteMode.Strict or SameSiteMode.Lax
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{GatewayCookieOptions.SectionName}:SameSite must be Strict or Lax.");
}
