using Gateway.ScaleOut.Infrastructure;

namespace Gateway.ScaleOut;

public sealed class DeployGuideTests
{
    [Fact]
    public void DeployGuide_NginxSection_IsTheConfigurationTheseTestsRun()
    {
        var guide = File.ReadAllText(Path.Combine(Paths.RepositoryRoot, "docs", "deploy.md"));

        Assert.Contains(File.ReadAllText(NginxBalancer.TemplatePath), guide, StringComparison.Ordinal);
    }
}
