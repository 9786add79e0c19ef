using System.Net;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Oidc.Admin;

/// <summary>CONTRACT-OIDC.md, "CLI in Oidc mode": sessions by the OP's sub; local users refused.</summary>
public sealed class OidcCliTests
{
    [Fact]
    public async Task SessionsList_ShowsTheProvidersUsersByName()
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var alice = await bed.SignedInBrowserAsync("alice");
        using var bob = await bed.SignedInBrowserAsync("bob");

        var all = await CliAsync(bed, null, "sessions", "list");
        var alices = await CliAsync(bed, null, "sessions", "list", "--user", "user-alice");

        Assert.Equal(0, all.ExitCode);
        Assert.Contains("Alice Liddell", all.Out, StringComparison.Ordinal);
        Assert.Contains("Bob Builder", all.Out, StringComparison.Ordinal);
        Assert.Equal(2, alices.Rows.Count);
        Assert.Contains("Alice Liddell", alices.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Bob Builder", alices.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionsRevokeBySub_EndsTheSessionsAndRevokesTheirRefreshTokensAtTheProvider()
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var alice = await bed.SignedInBrowserAsync("alice");
        using var bob = await bed.SignedInBrowserAsync("bob");

        var result = await CliAsync(bed, null, "sessions", "revoke", "--user", "user-alice");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("1 session(s) revoked.", result.Out, StringComparison.Ordinal);
        Assert.True(Assert.Single(bed.Provider.Recorder.Revocations).Succeeded);
        await bed.Gateway.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>()
            .OfType<Gateway.Sessions.Revocation.RevocationPoller>().Single().PollOnceAsync(default);
        Assert.Equal(HttpStatusCode.Unauthorized, (await alice.Gateway.GetAsync("/auth/session")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bob.Gateway.GetAsync("/auth/session")).StatusCode);
    }

    [Theory]
    [InlineData("add", "carol")]
    [InlineData("set-password", "carol")]
    public async Task LocalUserCommands_ExitNonZeroWithOneLine(string command, string name)
    {
        await using var bed = await OidcTestBed.StartAsync();

        var result = await CliAsync(bed, "a long passphrase here", "users", command, name, "--password-stdin");

        Assert.NotEqual(0, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("local users are disabled in Oidc mode", line, StringComparison.Ordinal);
    }

    private static Task<AdminCliResult> CliAsync(OidcTestBed bed, string? input, params string[] args) =>
        AdminCliRunner.RunWithSettingsAsync(bed.Gateway.DatabasePath, new Dictionary<string, string?>
        {
            ["Gateway:Authentication:Mode"] = "Oidc",
            ["Gateway:Authentication:Oidc:Authority"] = bed.Provider.Authority,
            ["Gateway:Authentication:Oidc:ClientId"] = bed.Provider.ClientId,
            ["Gateway:Authentication:Oidc:ClientSecret"] = bed.Provider.ClientSecret,
        }, input, args);
}
