namespace Gateway.Sessions.Login;

internal sealed class AuthenticationOptions
{
    public const string SectionName = "Gateway:Authentication";

    /// <summary><c>Local</c> (default: the gateway's own users) or <c>Oidc</c> (an external OpenID Provider, CONTRACT-OIDC.md).</summary>
    public AuthenticationMode Mode { get; set; } = AuthenticationMode.Local;

    public bool IsOidc => Mode == AuthenticationMode.Oidc;
}
