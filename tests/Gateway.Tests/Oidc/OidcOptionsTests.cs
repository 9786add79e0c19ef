using Gateway.Hosting;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Oidc;

/// <summary>CONTRACT-OIDC.md, "Refusing to run unsafely (in addition)": one clear line each.</summary>
public sealed class OidcOptionsTests
{
    private static readonly string[] Complete =
    [
        "--Gateway:Authentication:Mode=Oidc",
        "--Gateway:Authentication:Oidc:Authority=https://login.example.com/realms/main",
        "--Gateway:Authentication:Oidc:ClientId=gateway",
        "--Gateway:Authentication:Oidc:ClientSecret=s3cret",
    ];

    [Theory]
    [InlineData("Authority")]
    [InlineData("ClientId")]
    [InlineData("ClientSecret")]
    public async Task Start_OidcModeWithoutARequiredSetting_IsRefusedNamingIt(string key)
    {
        var failure = await GatewayStart.TryAsync("Production", [.. Complete.Where(setting => !setting.Contains($":{key}=", StringComparison.Ordinal))]);

        Assert.IsType<OptionsValidationException>(failure);
        var line = StartupFailure.OneLine(failure);
        Assert.Contains($"Gateway:Authentication:Oidc:{key} is required", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line);
    }

    [Fact]
    public async Task Start_PlainHttpAuthorityOnANetworkAddressOutsideDevelopment_IsRefused()
    {
        var failure = await GatewayStart.TryAsync("Production", [.. Complete, "--Gateway:Authentication:Oidc:Authority=http://login.example.com"]);

        Assert.IsType<OptionsValidationException>(failure);
        Assert.Contains("Refusing to start in the Production environment", StartupFailure.OneLine(failure), StringComparison.Ordinal);
        Assert.Contains("plain http", StartupFailure.OneLine(failure), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production", "http://127.0.0.1:5200")]
    [InlineData("Production", "http://localhost:5200/")]
    [InlineData("Development", "http://login.example.com")]
    public async Task Start_PlainHttpAuthorityOnLoopbackOrInDevelopment_Runs(string environment, string authority)
    {
        // The OP is not reachable: that never stops the gateway (logins answer 503 until it is).
        var failure = await GatewayStart.TryAsync(environment, [.. Complete, $"--Gateway:Authentication:Oidc:Authority={authority}"]);

        Assert.Null(failure);
    }

    [Fact]
    public async Task Start_OidcModeWithAnUnreachableProvider_Runs()
    {
        var failure = await GatewayStart.TryAsync("Production", [.. Complete]);

        Assert.Null(failure);
    }

    [Fact]
    public async Task Start_LocalModeWithAnIncompleteOidcSection_Runs()
    {
        var failure = await GatewayStart.TryAsync("Production", "--Gateway:Authentication:Oidc:ClientId=left-over");

        Assert.Null(failure);
    }

    [Theory]
    [InlineData("Gateway:Authentication:Mode", "Saml")]
    [InlineData("Gateway:Authentication:Oidc:ClientAuthentication", "private_key_jwt")]
    [InlineData("Gateway:Authentication:Oidc:PushedAuthorizationBehavior", "Sometimes")]
    [InlineData("Gateway:Authentication:Oidc:DefaultTokenType", "Admin")]
    [InlineData("Gateway:Authentication:Oidc:CallbackPath", "auth/callback")]
    [InlineData("Gateway:Authentication:Oidc:SignedOutCallbackPath", "/auth/callback")]
    [InlineData("Gateway:Authentication:Oidc:ProviderTimeout", "00:00:00")]
    [InlineData("Gateway:Authentication:Oidc:LoginStateLifetime", "00:00:10")]
    [InlineData("Gateway:Authentication:Oidc:Resources:0", "not a uri")]
    [InlineData("Gateway:Authentication:Oidc:Scope:0", "two words")]
    public async Task Start_BadOidcSetting_IsRefusedNamingTheKey(string key, string value)
    {
        var failure = await GatewayStart.TryAsync("Production", [.. Complete, $"--{key}={value}"]);

        Assert.NotNull(failure);
        Assert.True(StartupFailure.IsOperatorError(failure));
        var line = StartupFailure.OneLine(failure);
        Assert.Contains(key.EndsWith(":0", StringComparison.Ordinal) ? key[..^2] : key, line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line);
    }

    [Theory]
    [InlineData("User")]
    [InlineData("Client")]
    public async Task Start_ProviderTokenTypeInLocalMode_IsRefusedNamingTheRoute(string tokenType)
    {
        var failure = await GatewayStart.TryAsync("Production",
            "--ReverseProxy:Routes:orders:ClusterId=c",
            "--ReverseProxy:Routes:orders:Match:Path=/orders/{**rest}",
            $"--ReverseProxy:Routes:orders:Metadata:TokenType={tokenType}",
            "--ReverseProxy:Clusters:c:Destinations:d:Address=http://127.0.0.1:9/");

        Assert.NotNull(failure);
        Assert.True(StartupFailure.IsOperatorError(failure));
        Assert.Contains($"Route 'orders': Metadata:TokenType {tokenType} needs Gateway:Authentication:Mode Oidc", StartupFailure.OneLine(failure),
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Local", "Route")]
    [InlineData("Oidc", "Route")]
    [InlineData("Oidc", "Cluster")]
    public async Task Start_UnknownTokenType_IsRefused(string mode, string where)
    {
        var metadata = where == "Route" ? "--ReverseProxy:Routes:orders:Metadata:TokenType=Bearer" : "--ReverseProxy:Clusters:c:Metadata:TokenType=Bearer";
        var oidc = mode == "Oidc" ? Complete : [];

        var failure = await GatewayStart.TryAsync("Production",
        [
            .. oidc,
            "--ReverseProxy:Routes:orders:ClusterId=c",
            "--ReverseProxy:Routes:orders:Match:Path=/orders/{**rest}",
            metadata,
            "--ReverseProxy:Clusters:c:Destinations:d:Address=http://127.0.0.1:9/",
        ]);

        Assert.NotNull(failure);
        Assert.True(StartupFailure.IsOperatorError(failure));
        Assert.Contains("Metadata:TokenType 'Bearer' is unknown", StartupFailure.OneLine(failure), StringComparison.Ordinal);
    }
}
