using Gateway.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Gateway.Tests.Hosting;

public sealed class GatewayLifetimeTests
{
    // Ctrl+C or SIGTERM while a slow start-up step (migrations) runs: the run ends as a stop does, not as a crash.
    [Fact]
    public async Task StopRequestedWhileStarting_RunEndsWithoutThrowing()
    {
        var step = new SlowStartStep();
        var app = BuildWith(step);
        var run = GatewayLifetime.RunAsync(app);

        await step.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        app.Lifetime.StopApplication();

        await run.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(step.WasCancelled);
    }

    // A start step that gives up by itself (its own timeout) is a failure, and Program reports it as one.
    [Fact]
    public async Task StartStepCancelledWithoutStopRequest_IsRethrown()
    {
        var app = BuildWith(new FailingStartStep());

        await Assert.ThrowsAsync<OperationCanceledException>(() => GatewayLifetime.RunAsync(app).WaitAsync(TimeSpan.FromSeconds(30)));
    }

    private static WebApplication BuildWith(IHostedService step)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton<IHostedService>(step);
        return builder.Build();
    }

    private sealed class SlowStartStep : IHostedService
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool WasCancelled { get; private set; }

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            Started.SetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                WasCancelled = true;
                throw;
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class FailingStartStep : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => throw new OperationCanceledException("the step's own timeout");

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
