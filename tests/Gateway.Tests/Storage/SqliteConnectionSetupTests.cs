using System.Diagnostics;
using System.Net;
using Gateway.Storage;
using Gateway.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Gateway.Tests.Storage;

public sealed class SqliteConnectionSetupTests
{
    [Fact]
    public void WithDefaults_NoTimeoutGiven_WaitsFiveSecondsPerCommand()
    {
        var connectionString = SqliteConnectionSetup.WithDefaults("Data Source=gateway.db");

        Assert.Equal(5, new SqliteConnectionStringBuilder(connectionString).DefaultTimeout);
    }

    [Fact]
    public void WithDefaults_TimeoutGiven_KeepsIt()
    {
        var connectionString = SqliteConnectionSetup.WithDefaults("Data Source=gateway.db;Default Timeout=12");

        Assert.Equal(12, new SqliteConnectionStringBuilder(connectionString).DefaultTimeout);
    }

    // Another process (a CLI command, a second instance, a backup) holds the write lock: the login waits for
    // SQLite's busy timeout, then answers 503, instead of hanging half a minute longer in the driver's own retries.
    [Fact]
    public async Task Login_DatabaseWriteLockedElsewhere_Answers503WithinAboutFiveSeconds()
    {
        await using var gateway = new GatewayFactory();
        await gateway.CreateUserAsync("alice");
        using var browser = gateway.CreateBrowser();
        await using var holder = new SqliteConnection($"Data Source={gateway.DatabasePath};Pooling=False");
        await holder.OpenAsync();
        await using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE;";
            await begin.ExecuteNonQueryAsync();
        }

        var watch = Stopwatch.StartNew();
        var response = await browser.LoginAsync("alice", GatewayFactory.Password);
        watch.Stop();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"answered after {watch.Elapsed}");
    }
}
