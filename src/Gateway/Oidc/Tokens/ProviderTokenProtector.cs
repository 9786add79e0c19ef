using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Gateway.Oidc.Tokens;

/// <summary>
/// Encrypts the OP's tokens for the database, one Data Protection purpose per token kind: a ciphertext of one kind
/// never opens as another. The purposes are fixed strings (tests pin them): renaming a type must not make every stored
/// token unreadable.
/// </summary>
internal sealed class ProviderTokenProtector(IDataProtectionProvider dataProtection)
{
    public const string IdTokenPurpose = "Gateway.Oidc.IdToken.v1";
    public const string RefreshTokenPurpose = "Gateway.Oidc.RefreshToken.v1";
    public const string AccessTokensPurpose = "Gateway.Oidc.AccessTokens.v1";
    public const string ClientTokenPurpose = "Gateway.Oidc.ClientToken.v1";

    private readonly IDataProtector _idToken = dataProtection.CreateProtector(IdTokenPurpose);
    private readonly IDataProtector _refreshToken = dataProtection.CreateProtector(RefreshTokenPurpose);
    private readonly IDataProtector _accessTokens = dataProtection.CreateProtector(AccessTokensPurpose);
    private readonly IDataProtector _clientToken = dataProtection.CreateProtector(ClientTokenPurpose);

    public string? ProtectIdToken(string? token) => Protect(_idToken, token);

    public string? UnprotectIdToken(string? stored) => Unprotect(_idToken, stored);

    public string? ProtectRefreshToken(string? token) => Protect(_refreshToken, token);

    public string? UnprotectRefreshToken(string? stored) => Unprotect(_refreshToken, stored);

    public string? ProtectClientToken(string? token) => Protect(_clientToken, token);

    public string? UnprotectClientToken(string? stored) => Unprotect(_clientToken, stored);

    public string ProtectAccessTokens(IReadOnlyList<ProviderAccessToken> tokens) =>
        Protect(_accessTokens, JsonSerializer.Serialize(tokens, OidcJsonContext.Default.IReadOnlyListProviderAccessToken))!;

    /// <summary>Empty when the ciphertext does not open (a lost key): the tokens are then obtained again.</summary>
    public IReadOnlyList<ProviderAccessToken> UnprotectAccessTokens(string? stored) =>
        Unprotect(_accessTokens, stored) is { } json
            ? JsonSerializer.Deserialize(json, OidcJsonContext.Default.IReadOnlyListProviderAccessToken) ?? []
            : [];

    private static string? Protect(IDataProtector protector, string? value) =>
        value is null ? null : Base64Url.EncodeToString(protector.Protect(Encoding.UTF8.GetBytes(value)));

    private static string? Unprotect(IDataProtector protector, string? stored)
    {
        if (stored is null)
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(protector.Unprotect(Base64Url.DecodeFromChars(stored)));
        }
        catch (Exception exception) when (exception is FormatException or CryptographicException)
        {
            return null;
        }
    }
}
