using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Admin;

public sealed class AdminCliTests
{
    [Theory]
    [InlineData("frobnicate")]
    [InlineData("users", "frobnicate")]
    [InlineData("users")]
    [InlineData("users", "add")]
    [InlineData("users", "add", "bob", "--password-stdin", "--colour", "red")]
    [InlineData("users", "remove", "bob", "carol")]
    [InlineData("keys", "rotate", "--later")]
    [InlineData("keys", "list", "--now")]
    public async Task Run_UnknownCommandOrBadArguments_ExitsNonZeroWithOneErrorLine(params string[] args)
    {
        var database = TestDatabase.NewPath();

        var result = await AdminCliRunner.RunAsync(database, GatewayFactory.Password, args);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Single(result.ErrorLines);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task Run_UnreachableDatabase_Exits2WithOneErrorLine()
    {
        // A folder where the database file should be: SQLite cannot open it, which is broken infrastructure, not a user error.
        var database = Path.Combine(Path.GetTempPath(), "gateway-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(database);

        var result = await AdminCliRunner.RunAsync(database, null, "users", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.ErrorLines);
    }
}
