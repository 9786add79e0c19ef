namespace Gateway.Hosting;

internal static class GatewayLifetime
{
    /// <summary>
    /// Like <c>RunAsync</c>, but a start that fails (a port in use) is stopped like a normal run before the failure is
    /// rethrown: the background services started before the server failed then end quietly, instead of being torn
    /// down by disposal and logging their cancellation, with a stack trace, as if they had crashed. A stop asked for
    /// while the start is under way (Ctrl+C, SIGTERM during migrations) ends the run quietly, as a stop after it would.
    /// </summary>
    public static async Task RunAsync(WebApplication app)
    {
        await using (app)
        {
            try
            {
                await app.StartAsync();
            }
            catch (OperationCanceledException) when (app.Lifetime.ApplicationStopping.IsCancellationRequested)
            {
                await app.StopAsync();
                return;
            }
            catch
            {
                await app.StopAsync();
                throw;
            }

            await app.WaitForShutdownAsync();
        }
    }
}
