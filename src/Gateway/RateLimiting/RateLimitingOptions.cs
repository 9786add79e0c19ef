namespace Gateway.RateLimiting;

internal sealed class RateLimitingOptions
{
    public const string SectionName = "Gateway:RateLimiting";

    /// <summary>Master switch; default true. Tests and benchmarks turn it off.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Login attempts per minute per client (IPv4 address, IPv6 /64), every attempt counted; and failed attempts per minute
    /// per user name and network (each network the user signed in from, and all others together); default 10.
    /// </summary>
    public int LoginPermitsPerMinute { get; set; } = 10;

    /// <summary>
    /// Rotations per session and minute (login excluded), and database decisions per presented refresh token and minute
    /// (concurrent presenters count once); default 30. A browser needs one per access token lifetime; past it: 429.
    /// </summary>
    public int RefreshPermitsPerMinute { get; set; } = 30;
}
