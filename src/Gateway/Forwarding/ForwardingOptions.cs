namespace Gateway.Forwarding;

/// <summary>
/// Which peers may tell the gateway who the client is (<c>X-Forwarded-For</c>) and which scheme it used
/// (<c>X-Forwarded-Proto</c>): the load balancers and proxies in front of it, nobody else.
/// </summary>
internal sealed class ForwardingOptions
{
    public const string SectionName = "Gateway:ForwardedHeaders";

    /// <summary>
    /// IP addresses of trusted proxies (<c>10.0.0.5</c>, <c>fd00::5</c>); default none. With neither this nor
    /// <see cref="KnownNetworks"/> set, only loopback peers are trusted; setting either replaces that default.
    /// </summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>CIDR ranges of trusted proxies (<c>10.0.0.0/16</c>, <c>fd00::/8</c>); default none (see <see cref="KnownProxies"/>).</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>
    /// The most <c>X-Forwarded-For</c> entries read per request, counted from the right; default none (no bound:
    /// the walk stops at the first address that is not a trusted proxy anyway). Set it to the number of proxies in
    /// front of the gateway to bound it further.
    /// </summary>
    public int? ForwardLimit { get; set; }

    public bool HasTrustedPeers => KnownProxies.Count > 0 || KnownNetworks.Count > 0;
}
