using System.Security.Cryptography;
using System.Text;
using Gateway.Storage;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Oidc.Tokens;

/// <summary>The shared client-credentials tokens, one row per (resource, scope), with the same version and lease as a session's grant.</summary>
internal sealed class ClientTokenStore(IServiceScopeFactory scopeFactory, ProviderTokenProtector protector)
{
    public static string RowKey(string tokenKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(tokenKey)));

    /// <summary>The row (made empty at version 0 if there is none yet), token decrypted.</summary>
    public async Task<(long Version, ProviderAccessToken? Token, DateTimeOffset? LeaseExpiresAt)> ReadAsync(string tokenKey,
        CancellationToken cancellationToken)
    {
        var rowKey = RowKey(tokenKey);
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        var row = await db.Set<ProviderClientToken>().AsNoTracking().SingleOrDefaultAsync(token => token.Key == rowKey, cancellationToken);
        if (row is null)
        {
            db.Add(new ProviderClientToken { Key = rowKey });
            try
            {
                using (await scope.ServiceProvider.GetRequiredService<DatabaseWriteGate>().EnterAsync(cancellationToken))
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
            }
            catch (DbUpdateException)
            {
                // Another instance made it at the same moment: it is there either way.
            }

            return (0, null, null);
        }

        var value = protector.UnprotectClientToken(row.AccessToken);
        var token = value is null || row.ReceivedAt is null || row.ExpiresAt is null
            ? null
            : new ProviderAccessToken(tokenKey, value, row.ReceivedAt.Value, row.ExpiresAt.Value);
        return (row.Version, token, row.LeaseExpiresAt);
    }

    public Task<bool> TryLeaseAsync(string tokenKey, long version, string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var rowKey = RowKey(tokenKey);
        return UpdateAsync(rows => rows.Where(row => row.Key == rowKey && row.Version == version && (row.LeaseExpiresAt == null || row.LeaseExpiresAt <= now)),
            update => update.SetProperty(row => row.LeaseExpiresAt, until).SetProperty(row => row.LeaseHolder, holder), cancellationToken);
    }

    public Task<bool> TryWriteAsync(ProviderAccessToken token, long version, string holder, CancellationToken cancellationToken)
    {
        var rowKey = RowKey(token.Key);
        var stored = protector.ProtectClientToken(token.Token);
        return UpdateAsync(rows => rows.Where(row => row.Key == rowKey && row.Version == version && row.LeaseHolder == holder),
            update => update
                .SetProperty(row => row.AccessToken, stored)
                .SetProperty(row => row.ReceivedAt, token.ReceivedAt)
                .SetProperty(row => row.ExpiresAt, token.ExpiresAt)
                .SetProperty(row => row.Version, version + 1)
                .SetProperty(row => row.LeaseExpiresAt, (DateTimeOffset?)null)
                .SetProperty(row => row.LeaseHolder, (string?)null),
            cancellationToken);
    }

    public Task<bool> ReleaseAsync(string tokenKey, string holder, CancellationToken cancellationToken)
    {
        var rowKey = RowKey(tokenKey);
        return UpdateAsync(rows => rows.Where(row => row.Key == rowKey && row.LeaseHolder == holder),
            update => update.SetProperty(row => row.LeaseExpiresAt, (DateTimeOffset?)null).SetProperty(row => row.LeaseHolder, (string?)null),
            cancellationToken);
    }

    private async Task<bool> UpdateAsync(Func<IQueryable<ProviderClientToken>, IQueryable<ProviderClientToken>> where,
        Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<ProviderClientToken>> set, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        using (await scope.ServiceProvider.GetRequiredService<DatabaseWriteGate>().EnterAsync(cancellationToken))
        {
            return await where(db.Set<ProviderClientToken>()).ExecuteUpdateAsync(set, cancellationToken) == 1;
        }
    }
}
