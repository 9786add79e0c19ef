namespace Gateway.Observability;

/// <summary>
/// Every feature logs with event ids from its own block of a hundred, so an id alone names the feature in any log
/// search. A feature's sub-namespaces share its block. <c>Conventions/ConventionTests</c> checks every
/// <c>[LoggerMessage]</c> against this list: ids unique, each inside its feature's block.
/// </summary>
internal static class LogEventIds
{
    public const int BlockSize = 100;

    /// <summary>Feature namespace and the first id of its block.</summary>
    public static IReadOnlyDictionary<string, int> Blocks { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["Gateway.Http"] = 1000,
        ["Gateway.Users"] = 1100,
        ["Gateway.Sessions"] = 1200,
        ["Gateway.Tokens"] = 1300,
        ["Gateway.Csrf"] = 1400,
        ["Gateway.RateLimiting"] = 1500,
        ["Gateway.Proxy"] = 1600,
        ["Gateway.Storage"] = 1700,
        ["Gateway.Cleanup"] = 1800,
        ["Gateway.StaticApp"] = 1900,
        ["Gateway.Observability"] = 2000,
        ["Gateway.Hosting"] = 2100,
        ["Gateway.Admin"] = 2200,
        ["Gateway.Configuration"] = 2300,
        ["Gateway.Oidc"] = 2400,
    };
}
