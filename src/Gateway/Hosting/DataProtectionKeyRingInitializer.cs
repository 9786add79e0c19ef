using Gateway.Storage;
using Microsoft.AspNetCore.DataProtection;

namespace Gateway.Hosting;

/// <summary>
/// Loads the Data Protection key ring under the database's start-up lock, before Data Protection's own hosted
/// service would. Instances starting together on an empty database would otherwise each create a first key and
/// protect cookies with it before seeing the others'; this way the first instance creates the one key and every
/// other one finds it.
/// </summary>
internal sealed class DataProtectionKeyRingInitializer(IDataProtectionProvider dataProtection, DatabaseStartupLock startupLock) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => startupLock.RunAsync(_ =>
    {
        // Protecting needs the default key: the ring is read, and its first key created if there is none.
        dataProtection.CreateProtector("Gateway.Hosting.KeyRingProbe").Protect([0]);
        return Task.CompletedTask;
    }, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
