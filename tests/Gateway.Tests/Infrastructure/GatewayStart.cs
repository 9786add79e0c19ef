using Gateway.Hosting;
using Microsoft.AspNetCore.Builder;

namespace Gateway.Tests.Infrastructure;

/// <summary>Starts the real gateway (Kestrel on a free loopback port) the way Program does, to see whether it refuses.</summary>
internal static class GatewayStart
{
    /// <summary>Null when the gateway started (it is stopped again), else what stopped it.</summary>
    public static async Task<Exception?> TryAsync(string environment, params string[] settings)
    {
        WebApplication? app = null;
        try
        {
            app = GatewayApplication.Build(
            [
                $"--environment={environment}",
                $"--ConnectionStrings:Gateway=Data Source={TestDatabase.NewPath()}",
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
