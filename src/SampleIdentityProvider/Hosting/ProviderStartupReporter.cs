using Microsoft.Extensions.Options;
using SampleIdentityProvider.Configuration;
using SampleIdentityProvider.Server;

namespace SampleIdentityProvider.Hosting;

/// <summary>The one line the provider logs by default, once it listens (scripts and out-of-process tests wait for it).</summary>
internal sealed class ProviderStartupReporter(
    ProviderIssuer issuer, IOptions<SampleIdentityProviderOptions> options, ILogger<ProviderStartupReporter> logger) : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        if (!logger.IsEnabled(LogLevel.Information))
        {
            return Task.CompletedTask;
        }

        var settings = options.Value;
        var addresses = string.Join(", ", issuer.ListeningAddresses);
        ProviderLog.ProviderStarted(logger, addresses, issuer.Value, settings.ClientId, settings.GatewayOrigin);
        return Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
