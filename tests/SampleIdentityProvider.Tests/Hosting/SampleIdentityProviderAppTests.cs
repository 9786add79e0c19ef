using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SampleIdentityProvider.Configuration;

namespace SampleIdentityProvider.Tests.Hosting;

public sealed class SampleIdentityProviderAppTests
{
    [Fact]
    public async Task Build_SettingsOnTheCommandLine_AreBound()
    {
        await using var app = SampleIdentityProviderApp.Build(
            ["--urls", "http://127.0.0.1:0", "--Provider:ClientId=other-client", "--Provider:GatewayOrigin=http://localhost:6000", "--Provider:Users:0:UserName=dave", "--Provider:Users:0:Password=pw"]);

        var options = app.Services.GetRequiredService<IOptions<SampleIdentityProviderOptions>>().Value;

        Assert.Equal(("other-client", "http://localhost:6000"), (options.ClientId, options.GatewayOrigin));
        Assert.Equal("dave", Assert.Single(options.Users).UserName);
        Assert.Equal(["api", "api.read", "api.write"], options.Scopes);
    }

    [Fact]
    public async Task Build_Defaults_SeedTheDemoUsersAndTheDemoClient()
    {
        await using var app = SampleIdentityProviderApp.Build(["--urls", "http://127.0.0.1:0"]);

        var options = app.Services.GetRequiredService<IOptions<SampleIdentityProviderOptions>>().Value;

        Assert.Equal(["alice", "bob", "carol"], options.Users.Select(user => user.UserName));
        Assert.Equal(("gateway", "http://localhost:5000", PushedAuthorizationMode.Enabled), (options.ClientId, options.GatewayOrigin, options.PushedAuthorization));
    }

    [Theory]
    [InlineData("--Provider:GatewayOrigin=http://localhost:5000/app", "Provider:GatewayOrigin")]
    [InlineData("--Provider:ClientSecret=", "Provider:ClientId and Provider:ClientSecret")]
    [InlineData("--Provider:Resources:0=not-a-uri", "Provider:Resources")]
    [InlineData("--Provider:RefreshTokenReuseLeeway=-00:00:01", "Provider:RefreshTokenReuseLeeway")]
    public void Build_InvalidSetting_FailsNamingTheKey(string argument, string key)
    {
        var exception = Assert.Throws<InvalidOperationException>(() => SampleIdentityProviderApp.Build(["--urls", "http://127.0.0.1:0", argument]));

        Assert.Contains(key, exception.Message, StringComparison.Ordinal);
    }
}
