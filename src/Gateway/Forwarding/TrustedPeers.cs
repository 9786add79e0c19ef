using System.Net;

namespace Gateway.Forwarding;

/// <summary>The configured trusted proxies, parsed; loopback alone when none are configured.</summary>
internal sealed record TrustedPeers(IReadOnlyList<IPAddress> Proxies, IReadOnlyList<IPNetwork> Networks, IReadOnlyList<string> Invalid)
{
    /// <summary>What ASP.NET Core trusts by default too: IPv4 loopback (127.0.0.0/8) and IPv6 loopback (::1).</summary>
    public static IReadOnlyList<IPNetwork> Loopback { get; } = [new(IPAddress.Parse("127.0.0.0"), 8), new(IPAddress.IPv6Loopback, 128)];

    public static TrustedPeers From(ForwardingOptions options)
    {
        var invalid = new List<string>();
        var proxies = new List<IPAddress>();
        foreach (var text in options.KnownProxies)
        {
            if (IPAddress.TryParse(text, out var address))
            {
                proxies.Add(address);
            }
            else
            {
                invalid.Add($"KnownProxies: '{text}'");
            }
        }

        var networks = new List<IPNetwork>();
        foreach (var text in options.KnownNetworks)
        {
            if (text.Contains('/', StringComparison.Ordinal) && IPNetwork.TryParse(text, out var network))
            {
                networks.Add(network);
            }
            else
            {
                invalid.Add($"KnownNetworks: '{text}'");
            }
        }

        return options.HasTrustedPeers ? new TrustedPeers(proxies, networks, invalid) : new TrustedPeers([], Loopback, invalid);
    }
}
