using Microsoft.Extensions.Options;

namespace Gateway.Users;

/// <summary>Creates the README's demo user when <c>Gateway:Demo:Enabled</c> is set (the demo script does).</summary>
internal sealed class DemoUserSeeder(IServiceScopeFactory scopeFactory, IOptions<DemoOptions> options, ILogger<DemoUserSeeder> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserService>();
        if (await users.FindAsync(DemoOptions.UserName, cancellationToken) is null)
        {
            var result = await users.CreateAsync(DemoOptions.UserName, ["user"], DemoOptions.Password, isDemo: true, cancellationToken);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"The demo user could not be created: {result.Error}");
            }
        }

        UsersLog.DemoUserReady(logger, DemoOptions.UserName);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
