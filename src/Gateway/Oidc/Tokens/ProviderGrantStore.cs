using Gateway.Storage;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Oidc.Tokens;

/// <summary>
/// The session's <see cref="ProviderGrant"/> row and its lease. Every write is conditional on the version read (and
/// the lease taken), so of several instances racing for one refresh exactly one talks to the OP, and nobody ever
/// overwrites a newer refresh token with an older one. Off the hot path: a live cached token never comes here.
/// </summary>
internal sealed class ProviderGrantStore(IServiceScopeFactory scopeFactory, ProviderTokenProtector protector)
{
    public async Task<ProviderGrantState?> ReadAsync(string sessionId, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var row = await scope.ServiceProvider.GetRequiredService<GatewayDbContext>().Set<ProviderGrant>().AsNoTracking()
            .SingleOrDefaultAsync(grant => grant.SessionId == sessionId, cancellationToken);
        return row is null
            ? null
            : new ProviderGrantState(row.SessionId, row.Version, protector.UnprotectRefreshToken(row.RefreshToken),
                protector.UnprotectAccessTokens(row.AccessTokens), row.LeaseExpiresAt);
    }

    /// <summary>True when this holder now has the lease: the row is still at <paramref name="version"/> and nobody else's lease is live.</summary>
    public Task<bool> TryLeaseAsync(string sessionId, long version, string holder, DateTimeOffset now, DateTimeOffset until,
        CancellationToken cancellationToken) =>
        UpdateAsync(grants => grants.Where(grant => grant.SessionId == sessionId && grant.Version == version
                && (grant.LeaseExpiresAt == null || grant.LeaseExpiresAt <= now)),
            update => update.SetProperty(grant => grant.LeaseExpiresAt, until).SetProperty(grant => grant.LeaseHolder, holder),
            cancellationToken);

    /// <summary>The refresh's result, written only by the lease holder on the version it leased; the lease ends.</summary>
    public Task<bool> TryWriteAsync(string sessionId, long version, string holder, string? refreshToken, string? idToken,
        IReadOnlyList<ProviderAccessToken> accessTokens, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var storedRefresh = protector.ProtectRefreshToken(refreshToken);
        var storedAccess = protector.ProtectAccessTokens(accessTokens);
        var storedId = protector.ProtectIdToken(idToken);
        return UpdateAsync(grants => grants.Where(grant => grant.SessionId == sessionId && grant.Version == version && grant.LeaseHolder == holder),
            update => update
                .SetProperty(grant => grant.RefreshToken, storedRefresh)
                .SetProperty(grant => grant.AccessTokens, storedAccess)
                .SetProperty(grant => grant.IdToken, grant => storedId ?? grant.IdToken)
                .SetProperty(grant => grant.Version, version + 1)
                .SetProperty(grant => grant.LeaseExpiresAt, (DateTimeOffset?)null)
                .SetProperty(grant => grant.LeaseHolder, (string?)null)
                .SetProperty(grant => grant.UpdatedAt, now),
            cancellationToken);
    }

    /// <summary>Gives the lease back without a change (the OP failed): waiting instances see it and answer with the same failure.</summary>
    public Task<bool> ReleaseAsync(string sessionId, string holder, CancellationToken cancellationToken) =>
        UpdateAsync(grants => grants.Where(grant => grant.SessionId == sessionId && grant.LeaseHolder == holder),
            update => update.SetProperty(grant => grant.LeaseExpiresAt, (DateTimeOffset?)null).SetProperty(grant => grant.LeaseHolder, (string?)null),
            cancellationToken);

    private async Task<bool> UpdateAsync(Func<IQueryable<ProviderGrant>, IQueryable<ProviderGrant>> where,
        Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<ProviderGrant>> set, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        using (await scope.ServiceProvider.GetRequiredService<DatabaseWriteGate>().EnterAsync(cancellationToken))
        {
            return await where(db.Set<ProviderGrant>()).ExecuteUpdateAsync(set, cancellationToken) == 1;
        }
    }
}
