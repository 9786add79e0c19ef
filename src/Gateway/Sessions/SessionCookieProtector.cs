using System.Buffers.Text;
using System.Security.Cryptography;
using Gateway.Sessions.HotPath;
using Gateway.Sessions.Refresh;
using Microsoft.AspNetCore.DataProtection;

namespace Gateway.Sessions;

/// <summary>
/// Encrypts and authenticates cookie values with Data Protection. Anything that does not decrypt (tampered,
/// truncated, another purpose's cookie, a lost key) reads as no cookie at all.
/// </summary>
internal sealed class SessionCookieProtector(IDataProtectionProvider dataProtection)
{
    /// <summary>Browsers keep cookies up to about 4 KB; anything longer is not ours.</summary>
    public const int MaxCookieLength = 4096;

    private readonly IDataProtector _access = dataProtection.CreateProtector("Gateway.Sessions.AccessCookie.v1");
    private readonly IDataProtector _refresh = dataProtection.CreateProtector("Gateway.Sessions.RefreshCookie.v1");

    public string ProtectAccess(AccessTicket ticket) => Base64Url.EncodeToString(_access.Protect(AccessTicketFormat.Serialize(ticket)));

    public AccessTicket? UnprotectAccess(ReadOnlySpan<char> cookie)
    {
        var plain = Unprotect(_access, cookie);
        if (plain is null)
        {
            return null;
        }

        try
        {
            return AccessTicketFormat.Deserialize(plain);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or FormatException)
        {
            // Authenticated by Data Protection, so only a format change between versions can land here.
            return null;
        }
    }

    public string ProtectRefresh(byte[] token) => Base64Url.EncodeToString(_refresh.Protect(token));

    public byte[]? UnprotectRefresh(ReadOnlySpan<char> cookie)
    {
        var token = Unprotect(_refresh, cookie);
        return token?.Length == RefreshTokenValue.SizeInBytes ? token : null;
    }

    private static byte[]? Unprotect(IDataProtector protector, ReadOnlySpan<char> cookie)
    {
        if (cookie.IsEmpty || cookie.Length > MaxCookieLength)
        {
            return null;
        }

        try
        {
            return protector.Unprotect(Base64Url.DecodeFromChars(cookie));
        }
        catch (Exception exception) when (exception is FormatException or CryptographicException)
        {
            return null;
        }
    }
}
