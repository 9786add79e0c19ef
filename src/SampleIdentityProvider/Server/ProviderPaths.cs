namespace SampleIdentityProvider.Server;

/// <summary>Where the provider serves each endpoint (discovery and JWKS at OpenIddict's defaults).</summary>
internal static class ProviderPaths
{
    public const string Discovery = "/.well-known/openid-configuration";
    public const string Jwks = "/.well-known/jwks";
    public const string Authorization = "/connect/authorize";
    public const string PushedAuthorization = "/connect/par";
    public const string Token = "/connect/token";
    public const string Revocation = "/connect/revoke";
    public const string EndSession = "/connect/endsession";
    public const string UserInfo = "/connect/userinfo";
    public const string Login = "/account/login";
    public const string LoggedOut = "/account/logged-out";

    /// <summary>OpenIddict takes endpoint URIs relative to the issuer, without the leading <c>/</c>.</summary>
    public static string Relative(string path) => path[1..];
}
