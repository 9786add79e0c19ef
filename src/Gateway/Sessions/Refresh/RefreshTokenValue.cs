using System.Buffers.Text;
using System.Security.Cryptography;

namespace Gateway.Sessions.Refresh;

/// <summary>
/// Refresh tokens: 256 bits from the CSPRNG; stored only as SHA-256. A fast hash is right here: the input
/// has full entropy, so there is nothing for a slow hash to protect against guessing.
/// </summary>
internal static class RefreshTokenValue
{
    public const int SizeInBytes = 32;

    public static byte[] New() => RandomNumberGenerator.GetBytes(SizeInBytes);

    public static string Hash(ReadOnlySpan<byte> token) => Base64Url.EncodeToString(SHA256.HashData(token));
}
