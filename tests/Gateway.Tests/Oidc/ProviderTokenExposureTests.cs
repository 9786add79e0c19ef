using System.Text.Json;
using Gateway.Oidc.Tokens;
using Gateway.Tests.Infrastructure;
using Gateway.Tests.Oidc.Tokens;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Oidc;

/// <summary>
/// CONTRACT-OIDC.md: no URL, header or body of any gateway response carries an OP token (the <c>id_token_hint</c> of
/// the redirect to the OP's end_session_endpoint alone excepted), and the tokens are stored encrypted, one purpose each.
/// </summary>
public sealed class ProviderTokenExposureTests
{
    [Fact]
    public async Task WholeFlow_NoResponseCarriesAnOpToken()
    {
        await using var downstream = await RecordingDownstream.StartAsync();
        await using var bed = await OidcTestBed.StartAsync(downstream);
        using var browser = bed.CreateBrowser();
        var responses = new List<HttpResponseMessage>();
        var login = await browser.NavigateAsync("/auth/login");
        responses.Add(login);
        var callback = await browser.AtProviderUntilCallbackAsync(login.Headers.Location!);
        responses.Add(await browser.NavigateAsync(callback.PathAndQuery));
        responses.Add(await browser.Gateway.GetAsync("/auth/session"));
        responses.Add(await browser.Gateway.GetAsync("/auth/sessions"));
        responses.Add(await browser.Gateway.GetAsync("/api/orders"));
        responses.Add(await browser.Gateway.PostAsync("/auth/refresh"));
        var stored = await StoredProviderTokens.ReadAsync(bed.Gateway);
        var logout = await browser.Gateway.PostAsync("/auth/logout");
        responses.Add(logout);
        var endSession = await browser.NavigateAsync((await logout.ReadJsonAsync<JsonElement>()).GetProperty("endSessionUrl").GetString()!);

        var tokens = new[] { stored.Access!, stored.Refresh!, stored.Id! };
        foreach (var response in responses)
        {
            var text = string.Join('\n', response.Headers.Select(header => $"{header.Key}: {string.Join(',', header.Value)}"))
                + '\n' + await response.Content.ReadAsStringAsync();
            Assert.All(tokens, token => Assert.DoesNotContain(token, text, StringComparison.Ordinal));
            Assert.All(tokens, token => Assert.DoesNotContain(token.Split('.')[1], text, StringComparison.Ordinal));
        }

        Assert.All(browser.Gateway.Cookies.Values, value => Assert.All(tokens, token => Assert.DoesNotContain(token, value, StringComparison.Ordinal)));
        Assert.Contains(Uri.EscapeDataString(stored.Id!), endSession.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        Assert.DoesNotContain(stored.Access!, endSession.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Gateway.Oidc.IdToken.v1", "id")]
    [InlineData("Gateway.Oidc.RefreshToken.v1", "refresh")]
    [InlineData("Gateway.Oidc.AccessTokens.v1", "access")]
    public async Task StoredTokens_OpenWithTheirOwnHistoricalPurposeOnly(string purpose, string kind)
    {
        await using var bed = await OidcTestBed.StartAsync();
        using var browser = await bed.SignedInBrowserAsync();
        var grant = await bed.Gateway.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Set<ProviderGrant>()));
        var stored = kind switch { "id" => grant.IdToken!, "refresh" => grant.RefreshToken!, _ => grant.AccessTokens };
        var provider = bed.Gateway.Services.GetRequiredService<IDataProtectionProvider>();

        var plain = provider.CreateProtector(purpose).Unprotect(System.Buffers.Text.Base64Url.DecodeFromChars(stored));

        Assert.NotEmpty(plain);
        var others = new[] { "Gateway.Oidc.IdToken.v1", "Gateway.Oidc.RefreshToken.v1", "Gateway.Oidc.AccessTokens.v1" }.Where(other => other != purpose);
        Assert.All(others, other => Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() =>
            provider.CreateProtector(other).Unprotect(System.Buffers.Text.Base64Url.DecodeFromChars(stored))));
        Assert.Equal(purpose, kind switch
        {
            "id" => ProviderTokenProtector.IdTokenPurpose,
            "refresh" => ProviderTokenProtector.RefreshTokenPurpose,
            _ => ProviderTokenProtector.AccessTokensPurpose,
        });
    }
}
