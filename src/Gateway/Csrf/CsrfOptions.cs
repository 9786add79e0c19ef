namespace Gateway.Csrf;

internal sealed class CsrfOptions
{
    /// <summary>Bound from the <c>Gateway</c> section: <c>Gateway:AllowedOrigins</c>.</summary>
    public const string SectionName = "Gateway";

    /// <summary>
    /// Origins besides the gateway's own (the origin of <c>Gateway:Tokens:Issuer</c>) allowed to call it and to
    /// open WebSockets, e.g. <c>http://localhost:5173</c> for a dev server; default none.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];
}
