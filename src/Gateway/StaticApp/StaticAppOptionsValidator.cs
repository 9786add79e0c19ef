using Microsoft.Extensions.Options;

namespace Gateway.StaticApp;

internal sealed class StaticAppOptionsValidator(IHostEnvironment environment) : IValidateOptions<StaticAppOptions>
{
    public ValidateOptionsResult Validate(string? name, StaticAppOptions options)
    {
        const string Section = StaticAppOptions.SectionName;
        if (string.IsNullOrWhiteSpace(options.ContentSecurityPolicy) || options.ContentSecurityPolicy.Any(char.IsControl))
        {
            return ValidateOptionsResult.Fail($"{Section}:ContentSecurityPolicy must be a policy on one line, e.g. \"default-src 'self'\".");
        }

        var folder = StaticAppFolder.Resolve(options, environment.ContentRootPath);
        return folder is null || Directory.Exists(folder)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{Section}:Path names the folder {folder}, which does not exist; point it at your browser app's folder, or set it empty to serve no app.");
    }
}
