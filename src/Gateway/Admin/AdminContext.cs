namespace Gateway.Admin;

/// <summary>What every command needs: the console and a way to reach the gateway's services.</summary>
internal sealed class AdminContext(AdminConsole console, Action<IConfigurationBuilder>? configure)
{
    public AdminConsole Console { get; } = console;

    /// <summary>Runs <paramref name="work"/> in a scope of a freshly configured (and migrated) host.</summary>
    public async Task<int> RunAsync(Func<IServiceProvider, CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        using var host = await AdminHost.StartAsync(configure, cancellationToken);
        await using var scope = host.Services.CreateAsyncScope();
        await work(scope.ServiceProvider, cancellationToken);
        return 0;
    }
}
