using System.Net;
using System.Net.Sockets;

namespace Gateway.Forwarding;

/// <summary>
/// The client's address as every guard sees it (after the forwarded headers were applied), and the groups the
/// login limits count by: one IPv4 address, or one IPv6 /64 (what a single household or server is given), and
/// the network of a sign-in (IPv4 /24, IPv6 /64).
/// </summary>
internal static class ClientNetwork
{
    /// <summary>Stands for a connection without an IP address (a Unix socket, an in-process test server).</summary>
    public const string Unknown = "unknown";

    /// <summary>The client's address, an IPv4 address that a dual-stack socket reports as IPv6 (<c>::ffff:a.b.c.d</c>) as IPv4.</summary>
    public static IPAddress? ClientIp(HttpContext context) => Normalize(context.Connection.RemoteIpAddress);

    public static IPAddress? Normalize(IPAddress? address) => address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;

    /// <summary>Whom the per-IP login limit counts: the IPv4 address, or the IPv6 /64 the address is in.</summary>
    public static string LimitKey(IPAddress? address) => Normalize(address) switch
    {
        null => Unknown,
        { AddressFamily: AddressFamily.InterNetworkV6 } v6 => Prefix(v6, 64),
        var other => other.ToString(),
    };

    /// <summary>The network a sign-in comes from: IPv4 /24, IPv6 /64, as CIDR text (<c>203.0.113.0/24</c>).</summary>
    public static string Of(IPAddress? address) => Normalize(address) switch
    {
        null => Unknown,
        { AddressFamily: AddressFamily.InterNetworkV6 } v6 => Prefix(v6, 64),
        var v4 => Prefix(v4, 24),
    };

    private static string Prefix(IPAddress address, int length)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        bytes = bytes[..written];
        bytes[(length / 8)..].Clear();
        return $"{new IPAddress(bytes)}/{length}";
    }
}
