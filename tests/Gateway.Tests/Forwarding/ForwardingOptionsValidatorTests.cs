using Gateway.Forwarding;
using Microsoft.Extensions.Configuration;

namespace Gateway.Tests.Forwarding;

public sealed class ForwardingOptionsValidatorTests
{
    [Theory]
    [InlineData("10.0.0.5", "10.0.0.0/8")]
    [InlineData("fd00::5", "fd00::/8")]
    public void Validate_AddressesAndRanges_Succeeds(string proxy, string network)
    {
        var result = Validate(new ForwardingOptions { KnownProxies = [proxy], KnownNetworks = [network] });

        Assert.True(result.Succeeded);
    }

    [Theory]
    [InlineData("KnownProxies", "balancer.internal")]
    [InlineData("KnownProxies", "10.0.0.0/8")]
    [InlineData("KnownNetworks", "10.0.0.5")]
    [InlineData("KnownNetworks", "10.0.0.0/33")]
    public void Validate_UnparsableEntry_FailsNamingTheKeyAndTheValue(string key, string value)
    {
        var options = key == "KnownProxies" ? new ForwardingOptions { KnownProxies = [value] } : new ForwardingOptions { KnownNetworks = [value] };

        var result = Validate(options);

        Assert.True(result.Failed);
        Assert.Contains("Gateway:ForwardedHeaders", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains($"{key}: '{value}'", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ForwardLimitZero_Fails()
    {
        var result = Validate(new ForwardingOptions { ForwardLimit = 0 });

        Assert.True(result.Failed);
        Assert.Contains("ForwardLimit", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_FrameworkSwitchWithoutTrustedProxies_RefusesNamingBoth()
    {
        var result = Validate(new ForwardingOptions(), frameworkSwitch: "true");

        Assert.True(result.Failed);
        Assert.Contains("ASPNETCORE_FORWARDEDHEADERS_ENABLED", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("KnownProxies", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_FrameworkSwitchWithTrustedProxies_Succeeds()
    {
        var result = Validate(new ForwardingOptions { KnownNetworks = ["10.0.0.0/16"] }, frameworkSwitch: "TRUE");

        Assert.True(result.Succeeded);
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(ForwardingOptions options, string? frameworkSwitch = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["FORWARDEDHEADERS_ENABLED"] = frameworkSwitch })
            .Build();
        return new ForwardingOptionsValidator(configuration).Validate(null, options);
    }
}
