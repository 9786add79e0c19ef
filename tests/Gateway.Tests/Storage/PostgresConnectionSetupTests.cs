using Gateway.Storage;
using Npgsql;

namespace Gateway.Tests.Storage;

public sealed class PostgresConnectionSetupTests
{
    [Fact]
    public void WithDefaults_NothingSet_TimeoutsShortEnoughForA503WithinTenSecondsAndKeepalivesOn()
    {
        var result = new NpgsqlConnectionStringBuilder(PostgresConnectionSetup.WithDefaults("Host=db;Database=gateway"));

        Assert.Equal(5, result.Timeout);
        Assert.Equal(5, result.CommandTimeout);
        Assert.Equal(1000, result.CancellationTimeout);
        Assert.True(result.TcpKeepAlive);
        Assert.Equal(10, result.TcpKeepAliveTime);
        Assert.Equal(3, result.TcpKeepAliveInterval);
        Assert.Null(result.TargetSessionAttributes);
    }

    [Theory]
    [InlineData("Host=db;Timeout=20;Command Timeout=60;Cancellation Timeout=-1;Tcp Keepalive=false")]
    [InlineData("Host=db;timeout=20;commandtimeout=60;CANCELLATIONTIMEOUT=-1;tcpkeepalive=false")]
    public void WithDefaults_OperatorsValues_AreKept(string connectionString)
    {
        var result = new NpgsqlConnectionStringBuilder(PostgresConnectionSetup.WithDefaults(connectionString));

        Assert.Equal(20, result.Timeout);
        Assert.Equal(60, result.CommandTimeout);
        Assert.Equal(-1, result.CancellationTimeout);
        Assert.False(result.TcpKeepAlive);
        Assert.Equal(0, result.TcpKeepAliveTime);
    }

    // Npgsql's default with several hosts is any server, a standby included, where every write fails.
    [Fact]
    public void WithDefaults_SeveralHosts_OnlyAServerThatTakesWrites()
    {
        var result = new NpgsqlConnectionStringBuilder(PostgresConnectionSetup.WithDefaults("Host=db1,db2;Database=gateway"));

        Assert.Equal("read-write", result.TargetSessionAttributes);
    }

    [Fact]
    public void WithDefaults_SeveralHostsWithTheOperatorsTargetSessionAttributes_AreKept()
    {
        var result = new NpgsqlConnectionStringBuilder(PostgresConnectionSetup.WithDefaults("Host=db1,db2;Target Session Attributes=primary"));

        Assert.Equal("primary", result.TargetSessionAttributes);
    }
}
