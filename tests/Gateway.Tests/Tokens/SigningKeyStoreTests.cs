using Gateway.Observability;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Tokens;

public sealed class SigningKeyStoreTests
{
    [Fact]
    public async Task Rotate_SavesTheAuditRowWithTheKeyInOneSave()
    {
        await using var gateway = new GatewayFactory();
        await using var scope = gateway.Services.CreateAsyncScope();

        var key = await scope.ServiceProvider.GetRequiredService<SigningKeyStore>().RotateAsync(immediately: false, CancellationToken.None);
        var audit = await gateway.WithDbAsync(db => db.Set<AuditEvent>().Where(row => row.Type == AuditEventTypes.KeyRotated).ToListAsync());

        var row = Assert.Single(audit);
        Assert.Contains(key.Kid, row.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FirstKey_AtStart_IsNotRecordedAsARotation()
    {
        await using var gateway = new GatewayFactory();
        gateway.CreateClient().Dispose();

        var rotations = await gateway.WithDbAsync(db => db.Set<AuditEvent>().CountAsync(row => row.Type == AuditEventTypes.KeyRotated));

        Assert.Equal(0, rotations);
    }
}
