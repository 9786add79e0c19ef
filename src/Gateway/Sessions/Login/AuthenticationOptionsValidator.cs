using Microsoft.Extensions.Options;

namespace Gateway.Sessions.Login;

internal sealed class AuthenticationOptionsValidator : IValidateOptions<AuthenticationOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthenticationOptions options) =>
        Enum.IsDefined(options.Mode)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{AuthenticationOptions.SectionName}:Mode must be Local or Oidc.");
}
