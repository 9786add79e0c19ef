using System.Buffers.Binary;
using System.Text;
using Gateway.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Gateway.Sessions.HotPath;

/// <summary>
/// The access cookie's plaintext: a version byte, the session's end (Unix ms) and the JWT. The claims are read
/// back from the JWT itself rather than stored twice: the cookie stays small (browsers cap cookies at 4 KB;
/// every request carries it) and Data Protection already authenticates every byte.
/// </summary>
internal static class AccessTicketFormat
{
    private const byte Version = 1;
    private const int HeaderLength = 1 + sizeof(long);

    public static byte[] Serialize(AccessTicket ticket)
    {
        var jwtLength = Encoding.ASCII.GetByteCount(ticket.Jwt);
        var bytes = new byte[HeaderLength + jwtLength];
        bytes[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(1), ticket.SessionExpiresAt.ToUnixTimeMilliseconds());
        Encoding.ASCII.GetBytes(ticket.Jwt, bytes.AsSpan(HeaderLength));
        return bytes;
    }

    public static AccessTicket? Deserialize(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length <= HeaderLength || bytes[0] != Version)
        {
            return null;
        }

        var sessionExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(bytes[1..]));
        var jwt = Encoding.ASCII.GetString(bytes[HeaderLength..]);
        var token = new JsonWebToken(jwt);
        var claims = new AccessTokenClaims(
            token.Subject,
            token.GetClaim(JwtRegisteredClaimNames.Name).Value,
            token.Claims.Where(claim => claim.Type == "role").Select(claim => claim.Value).ToArray(),
            token.GetClaim("sid").Value,
            new DateTimeOffset(token.IssuedAt, TimeSpan.Zero),
            new DateTimeOffset(token.ValidTo, TimeSpan.Zero));
        return new AccessTicket(claims, token.Audiences.Single(), jwt, sessionExpiresAt, token.Kid);
    }
}
