namespace Gateway.StaticApp;

internal sealed class StaticAppOptions
{
    public const string SectionName = "Gateway:StaticApp";

    /// <summary>No inline script or style, nothing from other origins, never framed.</summary>
    public const string DefaultContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /// <summary>
    /// Folder of the browser app served at <c>/</c>, absolute or relative to the content root (the working folder).
    /// Unset (default): the demo app shipped in the gateway's own <c>wwwroot</c>, next to its binary. Empty: no app is served.
    /// </summary>
    public string? Path { get; set; }

    /// <summary><c>Content-Security-Policy</c> of every file served; default <see cref="DefaultContentSecurityPolicy"/>.</summary>
    public string ContentSecurityPolicy { get; set; } = DefaultContentSecurityPolicy;
}
