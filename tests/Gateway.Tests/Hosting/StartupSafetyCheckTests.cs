using Gateway.Hosting;
using Gateway.Storage;
using Gateway.Tests.Infrastructure;
using Gateway.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Hosting;

/// <summary>Starts the real gateway (Kestrel on a free loopback port) the way Program does, to see it refuse.</summary>
public sealed class StartupSafetyCheckTests
{
    [Fact]
    public async Task Start_DemoUserOutsideDevelopment_IsRefusedWithOneClearLine()
    {
        var database = TestDatabase.NewPath();
        Assert.Null(await StartAsync(database, "Development", "--Gateway:Demo:Enabled=true"));

        var refusal = await StartAsync(database, "Production");

        Assert.IsType<GatewayStartupException>(refusal);
        Assert.Contains("demo user", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', StartupFailure.OneLine(refusal));
    }

    // Hosted services start in registration order: the refusal must come before the demo user is ever created.
    [Fact]
    public async Task Start_DemoEnabledOutsideDevelopment_IsRefusedAndCreatesNoDemoUser()
    {
        var database = TestDatabase.NewPath();

        var refusal = await StartAsync(database, "Production", "--Gateway:Demo:Enabled=true");

        Assert.IsType<GatewayStartupException>(refusal);
        Assert.Contains("Gateway:Demo:Enabled", refusal.Message, StringComparison.Ordinal);
        var users = await AdminCliRunner.RunAsync(database, null, "users", "list");
        Assert.DoesNotContain(users.Rows, row => row[0] == DemoOptions.UserName);
    }

    // A user named demo given the published password by hand (before the password policy refused it) is as unsafe
    // as the one the demo set-up makes.
    [Fact]
    public async Task Start_UserWithThePublishedDemoPasswordOutsideDevelopment_IsRefused()
    {
        var database = TestDatabase.NewPath();
        await using (var gateway = new GatewayFactory(databasePath: database))
        {
            var hash = gateway.Services.GetRequiredService<PasswordHashing>().Hash(DemoOptions.Password);
            await gateway.WithDbAsync(db =>
            {
                db.Add(new User { Id = Guid.NewGuid().ToString(), Name = DemoOptions.UserName, NormalizedName = User.Normalize(DemoOptions.UserName), PasswordHash = hash });
                return db.SaveChangesAsync();
            });
        }

        var refusal = await StartAsync(database, "Production");

        Assert.IsType<GatewayStartupException>(refusal);
        Assert.Contains("published password", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_InsecureCookiesOnAllInterfacesOutsideDevelopment_IsRefused()
    {
        var refusal = await StartAsync(TestDatabase.NewPath(), "Production", "--Gateway:Cookies:Secure=false", "--urls=http://0.0.0.0:0");

        Assert.IsType<GatewayStartupException>(refusal);
        Assert.Contains("Gateway:Cookies:Secure", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_InsecureCookiesOnLoopbackOutsideDevelopment_Runs()
    {
        var failure = await StartAsync(TestDatabase.NewPath(), "Production", "--Gateway:Cookies:Secure=false");

        Assert.Null(failure);
    }

    [Theory]
    [InlineData("http://+:80", false)]
    [InlineData("http://[::]:80", false)]
    [InlineData("http://gateway.example:80", false)]
    [InlineData("http://[::1]:5000", true)]
    [InlineData("https://localhost:5001", true)]
    [InlineData("http://127.0.0.2:5000", true)]
    public void IsLoopback_Address_TellsWhetherOtherMachinesCanReachIt(string address, bool loopback)
    {
        Assert.Equal(loopback, StartupSafetyCheck.IsLoopback(address));
    }

    [Fact]
    public async Task Start_DatabaseUnreachable_FailsInOneLineNamingTheServer()
    {
        var closedPort = DotnetProcess.FreeTcpPort();

        var failure = await StartAsync(TestDatabase.NewPath(), "Development", "--Gateway:Storage:Provider=Postgres",
            $"--ConnectionStrings:Gateway=Host=127.0.0.1;Port={closedPort};Database=gateway;Username=gateway;Password=x");

        Assert.NotNull(failure);
        Assert.True(StartupFailure.IsOperatorError(failure));
        var line = StartupFailure.OneLine(failure);
        Assert.StartsWith("The database could not be reached: ", line, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{closedPort}", line, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:Gateway", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_SqliteFolderThatCannotBeCreated_FailsInOneLineNamingTheFile()
    {
        // A regular file where the database's folder should be: no user can create a folder there.
        var blocker = TestDatabase.NewPath();
        await File.WriteAllTextAsync(blocker, "not a folder");

        var failure = await StartAsync(Path.Combine(blocker, "gateway.db"), "Development");

        Assert.IsType<DatabaseStartupException>(failure);
        var line = StartupFailure.OneLine(failure);
        Assert.Contains(Path.Combine(blocker, "gateway.db"), line, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:Gateway", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_GracePeriodAboveSixtySeconds_FailsNamingTheKey()
    {
        var failure = await StartAsync(TestDatabase.NewPath(), "Production", "--Gateway:Tokens:RefreshGracePeriod=00:01:01");

        Assert.IsType<OptionsValidationException>(failure);
        Assert.Contains("Gateway:Tokens:RefreshGracePeriod", StartupFailure.OneLine(failure), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_NamedAuthorizationPolicy_FailsSayingWhatIsSupported()
    {
        var failure = await StartAsync(TestDatabase.NewPath(), "Production",
            "--ReverseProxy:Routes:admin:ClusterId=c",
            "--ReverseProxy:Routes:admin:Match:Path=/admin/{**rest}",
            "--ReverseProxy:Routes:admin:AuthorizationPolicy=admins",
            "--ReverseProxy:Clusters:c:Destinations:d:Address=http://127.0.0.1:9/");

        Assert.NotNull(failure);
        Assert.True(StartupFailure.IsOperatorError(failure));
        Assert.Contains("AuthorizationPolicy 'admins' is not supported", StartupFailure.OneLine(failure), StringComparison.Ordinal);
    }

    // YARP accepts these, then every request to the route fails with 500: the gateway runs no CORS, request
    // timeout or output cache middleware.
    [Theory]
    [InlineData("CorsPolicy", "Default")]
    [InlineData("CorsPolicy", "Disable")]
    [InlineData("Timeout", "00:00:30")]
    [InlineData("TimeoutPolicy", "Default")]
    [InlineData("OutputCachePolicy", "Default")]
    public async Task Start_RoutePropertyNeedingMiddlewareTheGatewayDoesNotRun_FailsNamingRouteAndProperty(string property, string value)
    {
        var failure = await StartAsync(TestDatabase.NewPath(), "Production",
            "--ReverseProxy:Routes:orders:ClusterId=c",
            "--ReverseProxy:Routes:orders:Match:Path=/orders/{**rest}",
            $"--ReverseProxy:Routes:orders:{property}={value}",
            "--ReverseProxy:Clusters:c:Destinations:d:Address=http://127.0.0.1:9/");

        Assert.NotNull(failure);
        Assert.True(StartupFailure.IsOperatorError(failure));
        Assert.Contains($"Route 'orders': {property} is not supported", StartupFailure.OneLine(failure), StringComparison.Ordinal);
    }

    /// <summary>Null when the gateway started (it is stopped again), else what stopped it.</summary>
    private static async Task<Exception?> StartAsync(string database, string environment, params string[] settings)
    {
        WebApplication? app = null;
        try
        {
            app = GatewayApplication.Build(
            [
                $"--environment={environment}",
                $"--ConnectionStrings:Gateway=Data Source={database}",
                "--urls=http://127.0.0.1:0",
                "--Logging:LogLevel:Default=None",
                .. settings,
            ]);
            await app.StartAsync();
            await app.StopAsync();
            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
        finally
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
        }
    }
}
