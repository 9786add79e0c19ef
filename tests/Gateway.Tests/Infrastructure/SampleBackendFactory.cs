using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SampleBackendProgram = SampleBackend.Program;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// The sample downstream API in-process, trusting <paramref name="gateway"/> through its stock JwtBearer settings:
/// discovery and JWKS are fetched from the in-process gateway, nothing else is shared.
/// </summary>
internal sealed class SampleBackendFactory(GatewayFactory gateway) : WebApplicationFactory<SampleBackendProgram>
{
    // No UseContentRoot: Program.Build pins its content root to AppContext.BaseDirectory, this test folder, where the
    // backend's appsettings.json is copied; the settings below override everything in it that matters here.
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Authentication:Schemes:Bearer:Authority"] = "http://localhost",
            ["Authentication:Schemes:Bearer:RequireHttpsMetadata"] = "false",
            // The audience of GatewayFactory's "backend" cluster; it replaces the file's "sample-api".
            ["Authentication:Schemes:Bearer:ValidAudiences:0"] = "backend-api",
            ["Logging:LogLevel:Default"] = "Warning",
        }));
        builder.ConfigureTestServices(services =>
            // Configure runs before JwtBearer's PostConfigure, which builds its ConfigurationManager from this backchannel.
            services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme,
                options => options.BackchannelHttpHandler = gateway.Server.CreateHandler()));
    }
}
