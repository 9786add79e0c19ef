using Gateway.Oidc.Tokens;
using Gateway.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Oidc.Tokens;

/// <summary>The OP tokens a gateway holds for its sessions, read back from the database for the tests to compare.</summary>
internal static class StoredProviderTokens
{
    public static async Task<(string? Access, string? Refresh, string? Id)> ReadAsync(GatewayFactory gateway, string? sessionId = null)
    {
        var grant = await gateway.WithDbAsync(db => db.Set<ProviderGrant>().AsNoTracking()
            .Where(row => sessionId == null || row.SessionId == sessionId).OrderByDescending(row => row.UpdatedAt).FirstAsync());
        var protector = gateway.Services.GetRequiredService<ProviderTokenProtector>();
        var access = protector.UnprotectAccessTokens(grant.AccessTokens).FirstOrDefault(token => token.Key == ProviderTokenKey.Default)?.Token;
        return (access, protector.UnprotectRefreshToken(grant.RefreshToken), protector.UnprotectIdToken(grant.IdToken));
    }
}
