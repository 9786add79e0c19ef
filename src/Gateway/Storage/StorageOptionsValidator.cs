using Microsoft.Extensions.Options;

namespace Gateway.Storage;

internal sealed class StorageOptionsValidator(IConfiguration configuration) : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (!Enum.IsDefined(options.Provider))
        {
            return ValidateOptionsResult.Fail($"{StorageOptions.SectionName}:Provider must be Sqlite or Postgres.");
        }

        // PostgreSQL has no sensible default location: an empty connection string would reach localhost as the OS user.
        if (options.Provider == StorageProvider.Postgres
            && string.IsNullOrWhiteSpace(configuration.GetConnectionString(StorageServiceCollectionExtensions.ConnectionStringName)))
        {
            return ValidateOptionsResult.Fail(
                $"ConnectionStrings:{StorageServiceCollectionExtensions.ConnectionStringName} must name the PostgreSQL database " +
                $"when {StorageOptions.SectionName}:Provider is Postgres.");
        }

        return string.IsNullOrWhiteSpace(options.DataPath)
            ? ValidateOptionsResult.Fail($"{StorageOptions.SectionName}:DataPath must name a folder.")
            : ValidateOptionsResult.Success;
    }
}
