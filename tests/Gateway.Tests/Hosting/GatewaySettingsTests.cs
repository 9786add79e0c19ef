using System.Reflection;
using System.Text.RegularExpressions;
using Gateway.Hosting;
using Gateway.Tests.Conventions;
using Microsoft.Extensions.Configuration;

namespace Gateway.Tests.Hosting;

/// <summary>The keys the gateway knows: every options class's, the hand-bound ones, YARP's route and cluster properties.</summary>
public sealed partial class GatewaySettingsTests
{
    [Theory]
    [InlineData("Gateway:Tokens:AcessTokenLifetime", "Gateway:Tokens:AccessTokenLifetime")]
    [InlineData("Gateway:Cookie:Secure", "Gateway:Cookies")]
    [InlineData("ReverseProxy:Routes:r1:AuthorisationPolicy", "ReverseProxy:Routes:r1:AuthorizationPolicy")]
    [InlineData("ReverseProxy:Clusters:c1:Destinations:d1:Adress", "ReverseProxy:Clusters:c1:Destinations:d1:Address")]
    [InlineData("Gateway:AllowedOrigin:0", "Gateway:AllowedOrigins")]
    public void Schema_MisspeltKey_IsUnknownWithTheKeyMeant(string key, string meant)
    {
        var unknown = GatewaySettings.Schema.FindUnknown([key]);

        Assert.Contains($"did you mean {meant}?", Assert.Single(unknown).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_EveryPropertyOfEveryOptionsClass_IsKnown()
    {
        var keys = typeof(GatewaySettings).Assembly.GetTypes()
            .Select(type => (Type: type, Field: type.GetField("SectionName", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)))
            .Where(entry => entry.Type.IsClass && !entry.Type.IsAbstract && entry.Field?.GetRawConstantValue() is string section
                && section.StartsWith("Gateway:", StringComparison.Ordinal))
            .SelectMany(entry => entry.Type.GetProperties().Select(property => $"{entry.Field!.GetRawConstantValue()}:{property.Name}"))
            .ToList();

        Assert.NotEmpty(keys);
        Assert.Empty(GatewaySettings.Schema.FindUnknown(keys));
    }

    [Fact]
    public void Schema_RootAppSettings_HasNoUnknownKey()
    {
        var keys = Keys(File.ReadAllText(Path.Combine(SourceTree.RepositoryFolder, "appsettings.json")));

        Assert.Empty(GatewaySettings.Schema.FindUnknown(keys));
    }

    [Fact]
    public void Schema_CompleteExampleOfTheConfigurationGuide_HasNoUnknownKey()
    {
        var guide = File.ReadAllText(Path.Combine(SourceTree.RepositoryFolder, "docs", "configuration.md"));
        var example = CompleteExample().Match(guide);
        Assert.True(example.Success, "docs/configuration.md has no complete example.");

        var keys = Keys(example.Groups[1].Value);

        Assert.Contains(keys, key => key.StartsWith("Logging:", StringComparison.Ordinal));
        Assert.Empty(GatewaySettings.Schema.FindUnknown(keys));
    }

    private static List<string> Keys(string json)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        return new ConfigurationBuilder().AddJsonStream(stream).Build().AsEnumerable().Select(pair => pair.Key).ToList();
    }

    [GeneratedRegex(@"### A complete example\s+```json\s+(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CompleteExample();
}
