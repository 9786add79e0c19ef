namespace Gateway.Csrf;

internal sealed class CsrfOptions
{
    /// <summary>The one key these options hold; the contract names it at the top of the <c>Gateway</c> section.</summary>
    public const string AllowedOriginsKey = "Gateway:AllowedOrigins";

    /// <summary>
    /// Origins besides the gateway's own (the origin of <c>Gateway:Tokens:Issuer</c>) allowed to call it and to
    /// open WebSockets, e.g. <c>http://localhost:5173</c> for a dev server; default none.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];
}
