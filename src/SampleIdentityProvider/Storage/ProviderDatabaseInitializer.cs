using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using SampleIdentityProvider.Configuration;

namespace SampleIdentityProvider.Storage;

/// <summary>Creates the schema and registers (or updates) the gateway client before the server listens.</summary>
internal sealed class ProviderDatabaseInitializer(IServiceScopeFactory scopes, IOptions<SampleIdentityProviderOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<ProviderDbContext>();
        await database.Database.EnsureCreatedAsync(cancellationToken);

        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var descriptor = ClientRegistration.Describe(options.Value);
        var existing = await applications.FindByClientIdAsync(descriptor.ClientId!, cancellationToken);
        if (existing is null)
        {
            await applications.CreateAsync(descriptor, cancellationToken);
        }
        else
        {
            await applications.UpdateAsync(existing, descriptor, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
