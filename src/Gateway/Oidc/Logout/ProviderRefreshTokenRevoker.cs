using Gateway.Oidc.Provider;
using Gateway.Oidc.Tokens;
using Gateway.Storage;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Oidc.Logout;

/// <summary>
/// Revokes an ended session's OP refresh token at the OP's <c>revocation_endpoint</c>, retrying with growing pauses
/// while the OP cannot be reached; then forgets it. Revocation is idempotent (RFC 7009 section 2.2), so a retry
/// after a lost answer is harmless.
/// </summary>
internal sealed class ProviderRefreshTokenRevoker(
    IServiceScopeFactory scopeFactory,
    ProviderMetadata metadata,
    ProviderClient provider,
    ProviderTokenProtector protector,
    TimeProvider time,
    ILogger<ProviderRefreshTokenRevoker> logger)
{
    /// <summary>Pauses before the second, third... attempt: about half a minute in all.</summary>
    public static readonly TimeSpan[] RetryDelays = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(16)];

    /// <summary>False when the OP could not be reached (after the retries, with <paramref name="retry"/>); true otherwise.</summary>
    public async Task<bool> RevokeAsync(string sessionId, bool retry, CancellationToken cancellationToken)
    {
        string? refreshToken;
        await using (var scope = scopeFactory.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
            var stored = await db.Set<ProviderGrant>().AsNoTracking().Where(grant => grant.SessionId == sessionId)
                .Select(grant => grant.RefreshToken).FirstOrDefaultAsync(cancellationToken);
            refreshToken = protector.UnprotectRefreshToken(stored);
        }

        if (refreshToken is null)
        {
            return true;
        }

        for (var attempt = 0; ; attempt++)
        {
            // Null: the OP cannot be reached right now (retried); no endpoint: it offers no revocation, and the
            // token lives until it expires there.
            var configuration = await metadata.GetAsync(cancellationToken);
            if (configuration is not null && string.IsNullOrEmpty(configuration.RevocationEndpoint))
            {
                return true;
            }

            if (configuration is not null && await provider.RevokeRefreshTokenAsync(configuration.RevocationEndpoint, refreshToken, cancellationToken))
            {
                await ForgetAsync(sessionId, cancellationToken);
                LogoutLog.RefreshTokenRevoked(logger, sessionId);
                return true;
            }

            if (!retry || attempt == RetryDelays.Length)
            {
                LogoutLog.RefreshTokenRevocationFailed(logger, sessionId, attempt + 1);
                return false;
            }

            await Task.Delay(RetryDelays[attempt], time, cancellationToken);
        }
    }

    private async Task ForgetAsync(string sessionId, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        using (await scope.ServiceProvider.GetRequiredService<DatabaseWriteGate>().EnterAsync(cancellationToken))
        {
            await db.Set<ProviderGrant>().Where(grant => grant.SessionId == sessionId)
                .ExecuteUpdateAsync(update => update.SetProperty(grant => grant.RefreshToken, (string?)null), cancellationToken);
        }
    }
}
