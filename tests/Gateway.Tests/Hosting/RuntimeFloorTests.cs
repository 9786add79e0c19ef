using Gateway.Hosting;

namespace Gateway.Tests.Hosting;

/// <summary>
/// The decision alone: the machine's runtime is what it is (the gateway under test starts on it, so it passes).
/// The input is what the loaded Microsoft.AspNetCore.DataProtection assembly says of its version.
/// </summary>
public sealed class RuntimeFloorTests
{
    [Theory]
    [InlineData("10.0.0+b6a6a9ad7ab5c6c9d8ac5d3a3c4ac0e8d2e9f0a1")]
    [InlineData("10.0.6+0f2d1c9e")]
    [InlineData("10.0.0-rc.2.25502.107+6a1d0e7b")]
    [InlineData("10.0.7-servicing.26170.4+0a1b2c3d")]
    public void Refusal_VulnerableDataProtection_IsOneLineNamingTheVersionAndTheFloor(string informationalVersion)
    {
        var refusal = RuntimeFloor.Refusal(informationalVersion);

        Assert.NotNull(refusal);
        Assert.Contains(informationalVersion.Split('+')[0], refusal, StringComparison.Ordinal);
        Assert.Contains("10.0.7", refusal, StringComparison.Ordinal);
        Assert.Contains("CVE-2026-40372", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refusal);
    }

    [Theory]
    [InlineData("10.0.7+0a1b2c3d")]
    [InlineData("10.0.12+4e5f6a7b")]
    [InlineData("10.1.0")]
    [InlineData("11.0.0-preview.1.26101.1+0a1b2c3d")]
    public void Refusal_FixedRuntime_IsNone(string informationalVersion)
    {
        Assert.Null(RuntimeFloor.Refusal(informationalVersion));
    }

    // Not knowing is not knowing it is safe.
    [Theory]
    [InlineData("")]
    [InlineData("unknown")]
    public void Refusal_UnreadableVersion_Refuses(string informationalVersion)
    {
        Assert.NotNull(RuntimeFloor.Refusal(informationalVersion));
    }

    [Fact]
    public void LoadedVersion_ThisMachine_IsTheSharedFrameworksDataProtection()
    {
        var loaded = RuntimeFloor.LoadedVersion();

        Assert.StartsWith("10.", loaded, StringComparison.Ordinal);
    }
}
