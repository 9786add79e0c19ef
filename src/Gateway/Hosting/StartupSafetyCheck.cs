using System.Net;
using Gateway.Sessions;
using Gateway.Users;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting;

/// <summary>
/// Outside Development the gateway refuses to run unsafely: cookies without <c>Secure</c> on an address other
/// machines can reach, or a demo user whose password is printed in the README.
/// </summary>
internal sealed class StartupSafetyCheck(
    IHostEnvironment environment,
    IServer server,
    IOptions<GatewayCookieOptions> cookieOptions,
    IServiceScopeFactory scopeFactory) : IHostedLifecycleService
{
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        if (environment.IsDevelopment())
        {
            return;
        }

        RefuseInsecureCookiesOnExposedAddress();
        await using var scope = scopeFactory.CreateAsyncScope();
        if (await scope.ServiceProvider.GetRequiredService<UserService>().AnyDemoUserAsync(cancellationToken))
        {
            throw new GatewayStartupException(
                $"Refusing to start in the {environment.EnvironmentName} environment: the demo user '{DemoOptions.UserName}' with the published password exists; remove it (users remove {DemoOptions.UserName}) or set a new password.");
        }
    }

    private void RefuseInsecureCookiesOnExposedAddress()
    {
        if (cookieOptions.Value.Secure)
        {
            return;
        }

        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var exposed = addresses.FirstOrDefault(address => !IsLoopback(address));
        if (exposed is not null)
        {
            throw new GatewayStartupException(
                $"Refusing to start in the {environment.EnvironmentName} environment: Gateway:Cookies:Secure is false while listening on {exposed}; use HTTPS with Secure cookies or listen on loopback only.");
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static bool IsLoopback(string address)
    {
        // Kestrel reports wildcard bindings as http://[::]:port, http://0.0.0.0:port or http://+:port.
        var host = address.Split("://", 2).Last().Split('/')[0];
        host = host.StartsWith('[') ? host[1..host.IndexOf(']', StringComparison.Ordinal)] : host.Split(':')[0];
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }
}
