using Gateway.Storage;
using Microsoft.Extensions.Configuration;

namespace Gateway.Tests.Storage;

public sealed class StorageOptionsValidatorTests
{
    [Fact]
    public void Validate_PostgresWithoutConnectionString_FailsNamingTheKey()
    {
        var validator = new StorageOptionsValidator(Configuration(connectionString: null));

        var result = validator.Validate(null, new StorageOptions { Provider = StorageProvider.Postgres });

        Assert.True(result.Failed);
        Assert.Contains("ConnectionStrings:Gateway", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PostgresWithConnectionString_Succeeds()
    {
        var validator = new StorageOptionsValidator(Configuration("Host=127.0.0.1;Database=gateway"));

        var result = validator.Validate(null, new StorageOptions { Provider = StorageProvider.Postgres });

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validate_SqliteWithoutConnectionString_SucceedsWithTheDefaultFile()
    {
        var validator = new StorageOptionsValidator(Configuration(connectionString: null));

        var result = validator.Validate(null, new StorageOptions());

        Assert.True(result.Succeeded);
    }

    [Theory]
    [InlineData("Postgres", "Data Source=gateway.db")]
    [InlineData("Postgres", "Host=127.0.0.1;Flavour=strawberry")]
    [InlineData("Sqlite", "Host=127.0.0.1;Database=gateway")]
    public void Validate_ConnectionStringTheProviderCannotRead_FailsNamingBothSettings(string providerName, string connectionString)
    {
        var provider = Enum.Parse<StorageProvider>(providerName);
        var validator = new StorageOptionsValidator(Configuration(connectionString));

        var result = validator.Validate(null, new StorageOptions { Provider = provider });

        Assert.True(result.Failed);
        Assert.Contains("ConnectionStrings:Gateway", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains($"Gateway:Storage:Provider is {provider}", result.FailureMessage, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(string? connectionString) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Gateway"] = connectionString }).Build();
}
