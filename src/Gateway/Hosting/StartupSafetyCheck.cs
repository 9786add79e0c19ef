using System.Net;
using Gateway.Sessions;
using Gateway.Users;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting;

/// <summary>
/// Outside Development the gateway refuses to run unsafely: cookies without <c>Secure</c> on an address other
/// machines can reach, the demo set-up switched on, or a user who signs in with the password printed in the README.
/// It runs after the database is migrated, before the demo user would be created and before the server listens, so
/// an unsafe gateway never accepts a connection.
/// </summary>
internal sealed class StartupSafetyCheck(
    IHostEnvironment environment,
    IConfiguration configuration,
    IOptions<GatewayCookieOptions> cookieOptions,
    IOptions<DemoOptions> demoOptions,
    IServiceScopeFactory scopeFactory) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (environment.IsDevelopment())
        {
            return;
        }

        var exposed = cookieOptions.Value.Secure ? null : ConfiguredAddresses(configuration).FirstOrDefault(address => !IsLoopback(address));
        if (exposed is not null)
        {
            throw new GatewayStartupException(
                $"Refusing to start in the {environment.EnvironmentName} environment: Gateway:Cookies:Secure is false while listening on {exposed}; use HTTPS with Secure cookies or listen on loopback only.");
        }

        if (demoOptions.Value.Enabled)
        {
            throw new GatewayStartupException(
                $"Refusing to start in the {environment.EnvironmentName} environment: Gateway:Demo:Enabled is true, which creates the user '{DemoOptions.UserName}' with the password published in the README; the demo runs in Development only.");
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        if (await scope.ServiceProvider.GetRequiredService<UserService>().AnyWithPublishedDemoPasswordAsync(cancellationToken))
        {
            throw new GatewayStartupException(
                $"Refusing to start in the {environment.EnvironmentName} environment: the demo user '{DemoOptions.UserName}' with the published password exists; remove it (users remove {DemoOptions.UserName}) or set a new password.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Where Kestrel will listen: <c>urls</c>, <c>http_ports</c>/<c>https_ports</c> (all interfaces), Kestrel endpoints; else its default.</summary>
    public static IReadOnlyList<string> ConfiguredAddresses(IConfiguration configuration)
    {
        var addresses = new List<string>();
        addresses.AddRange((configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        foreach (var (key, scheme) in new[] { ("http_ports", "http"), ("https_ports", "https") })
        {
            addresses.AddRange((configuration[key] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(port => $"{scheme}://*:{port}"));
        }

        addresses.AddRange(configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Select(endpoint => endpoint["Url"]).OfType<string>());
        return addresses.Count > 0 ? addresses : ["http://localhost:5000"];
    }

    public static bool IsLoopback(string address)
    {
        var authority = address.Split("://", 2).Last().Split('/')[0];
        var host = authority.StartsWith('[') ? authority[1..authority.IndexOf(']', StringComparison.Ordinal)] : authority.Split(':')[0];
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }
}
