using Microsoft.Extensions.Options;

namespace Gateway.Csrf;

internal sealed class CsrfOptionsValidator : IValidateOptions<CsrfOptions>
{
    public ValidateOptionsResult Validate(string? name, CsrfOptions options)
    {
        var invalid = options.AllowedOrigins.Where(origin => RequestOrigin.Normalize(origin) is null).ToList();
        return invalid.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{CsrfOptions.AllowedOriginsKey} must hold origins like https://app.example.com (scheme, host, optional port, no path): {string.Join(", ", invalid)}");
    }
}
