using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

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

        if (UnreadableConnectionString(options.Provider) is { } unreadable)
        {
            return ValidateOptionsResult.Fail(
                $"ConnectionStrings:{StorageServiceCollectionExtensions.ConnectionStringName} is not a {options.Provider} connection string " +
                $"while {StorageOptions.SectionName}:Provider is {options.Provider} ({unreadable}); give one for that provider, or change the provider.");
        }

        return string.IsNullOrWhiteSpace(options.DataPath)
            ? ValidateOptionsResult.Fail($"{StorageOptions.SectionName}:DataPath must name a folder.")
            : ValidateOptionsResult.Success;
    }

    /// <summary>
    /// Why the provider's own parser refuses the configured connection string, or null. Only a keyword or a position is
    /// named, never a value: a password in the string stays out of the message.
    /// </summary>
    private string? UnreadableConnectionString(StorageProvider provider)
    {
        var connectionString = configuration.GetConnectionString(StorageServiceCollectionExtensions.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return null;
        }

        DbConnectionStringBuilder builder = provider == StorageProvider.Postgres ? new NpgsqlConnectionStringBuilder() : new SqliteConnectionStringBuilder();
        try
        {
            builder.ConnectionString = connectionString;
            return null;
        }
        catch (ArgumentException refused)
        {
            // Npgsql names the keyword it cannot set (its own message ends in "key was not present in the dictionary").
            return refused.ParamName is { Length: > 0 } keyword && provider == StorageProvider.Postgres
                ? $"it has no setting '{keyword}'"
                : refused.Message;
        }
    }
}
