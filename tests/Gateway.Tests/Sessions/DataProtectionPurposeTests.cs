using System.Buffers.Text;
using Gateway.Sessions;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Sessions;

/// <summary>
/// Data Protection purposes are fixed strings, not type or namespace names: cookies and stored keys made before a
/// type moves or is renamed must still open after it. The strings are written out here on purpose; changing one
/// in the code logs every user out and makes every signing key unreadable.
/// </summary>
public sealed class DataProtectionPurposeTests
{
    [Theory]
    [InlineData(SessionCookieNames.SecureAccess, "Gateway.Sessions.AccessCookie.v1")]
    [InlineData(SessionCookieNames.SecureRefresh, "Gateway.Sessions.RefreshCookie.v1")]
    public async Task SessionCookie_OpensWithItsHistoricalPurposeString(string cookieName, string purpose)
    {
        await using var gateway = new GatewayFactory();
        using var browser = await gateway.SignedInBrowserAsync();
        var protector = gateway.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose);

        var plain = protector.Unprotect(Base64Url.DecodeFromChars(browser.Cookies[cookieName]));

        Assert.NotEmpty(plain);
    }

    [Fact]
    public async Task SigningKey_PrivatePartOpensWithItsHistoricalPurposeString()
    {
        await using var gateway = new GatewayFactory();
        using var browser = await gateway.SignedInBrowserAsync();
        var protector = gateway.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Gateway.Tokens.SigningKey.v1");
        var stored = await gateway.WithDbAsync(db => db.Set<SigningKey>().Select(key => key.ProtectedPrivateKey).FirstAsync());

        var plain = protector.Unprotect(Base64Url.DecodeFromChars(stored));

        Assert.NotEmpty(plain);
    }

    [Fact]
    public async Task AccessCookie_MintedUnderTheHistoricalPurposeByAnotherBuild_IsAccepted()
    {
        await using var gateway = new GatewayFactory();
        using var browser = await gateway.SignedInBrowserAsync();
        var provider = gateway.Services.GetRequiredService<IDataProtectionProvider>();
        var plain = provider.CreateProtector("Gateway.Sessions.AccessCookie.v1")
            .Unprotect(Base64Url.DecodeFromChars(browser.Cookies[SessionCookieNames.SecureAccess]));
        using var other = gateway.CreateBrowser();
        other.Cookies[SessionCookieNames.SecureAccess] =
            Base64Url.EncodeToString(provider.CreateProtector("Gateway.Sessions.AccessCookie.v1").Protect(plain));

        var response = await other.GetAsync("/auth/session");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}
