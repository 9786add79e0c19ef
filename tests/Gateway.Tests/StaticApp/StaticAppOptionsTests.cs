using Gateway.Hosting;
using Gateway.StaticApp;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.StaticApp;

public sealed class StaticAppOptionsTests
{
    [Fact]
    public void Start_FolderThatDoesNotExist_FailsNamingTheKeyAndTheFolder()
    {
        var missing = Path.Combine(Path.GetTempPath(), "gateway-tests", $"missing-{Guid.NewGuid():N}");

        var failure = Record.Exception(() => GatewayApplication.Build(
        [
            $"--ConnectionStrings:Gateway=Data Source={TestDatabase.NewPath()}",
            $"--Gateway:StaticApp:Path={missing}",
            "--Logging:LogLevel:Default=None",
        ]));

        Assert.IsType<OptionsValidationException>(failure);
        var line = StartupFailure.OneLine(failure);
        Assert.Contains("Gateway:StaticApp:Path", line, StringComparison.Ordinal);
        Assert.Contains(missing, line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("default-src 'self'\r\nSet-Cookie: x=1")]
    public void Validate_ContentSecurityPolicyEmptyOrOnTwoLines_Fails(string policy)
    {
        var result = Validate(new StaticAppOptions { ContentSecurityPolicy = policy });

        Assert.True(result.Failed);
        Assert.Contains("Gateway:StaticApp:ContentSecurityPolicy", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_Unset_IsTheDemoBesideTheBinaryWhateverTheContentRoot()
    {
        var folder = StaticAppFolder.Resolve(new StaticAppOptions(), "/somewhere/else");

        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "wwwroot"), folder);
        Assert.True(File.Exists(Path.Combine(folder!, "index.html")));
    }

    [Fact]
    public void Resolve_RelativePath_IsUnderTheContentRoot()
    {
        var folder = StaticAppFolder.Resolve(new StaticAppOptions { Path = "client/dist" }, "/srv/gateway");

        Assert.Equal("/srv/gateway/client/dist", folder);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Resolve_Empty_ServesNothing(string path)
    {
        Assert.Null(StaticAppFolder.Resolve(new StaticAppOptions { Path = path }, "/srv/gateway"));
    }

    private static ValidateOptionsResult Validate(StaticAppOptions options) =>
        new StaticAppOptionsValidator(new FakeEnvironment()).Validate(null, options);

    private sealed class FakeEnvironment : Microsoft.Extensions.Hosting.IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";

        public string ApplicationName { get; set; } = "Gateway";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
