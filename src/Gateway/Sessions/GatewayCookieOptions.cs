namespace Gateway.Sessions;

internal sealed class GatewayCookieOptions
{
    public const string SectionName = "Gateway:Cookies";

    /// <summary><c>Secure</c> attribute and <c>__Host-</c> name prefix; default true. False only for plain-http dev on non-localhost hosts.</summary>
    public bool Secure { get; set; } = true;

    /// <summary><c>Strict</c> (default) or <c>Lax</c>. <c>None</c> is refused: it would hand the session to every site.</summary>
    public CookieSameSite SameSite { get; set; } = CookieSameSite.Strict;
}
