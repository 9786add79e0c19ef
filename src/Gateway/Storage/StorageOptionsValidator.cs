using Microsoft.Extensions.Options;

namespace Gateway.Storage;

internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (!Enum.IsDefined(options.Provider))
        {
            return ValidateOptionsResult.Fail($"{StorageOptions.SectionName}:Provider must be Sqlite or Postgres.");
        }

        if (options.Provider != StorageProvider.Sqlite)
        {
            return ValidateOptionsResult.Fail($"{StorageOptions.SectionName}:Provider {options.Provider} is not available in this version; use Sqlite.");
        }

        return string.IsNullOrWhiteSpace(options.DataPath)
            ? ValidateOptionsResult.Fail($"{StorageOptions.SectionName}:DataPath must name a folder.")
            : ValidateOptionsResult.Success;
    }
}
