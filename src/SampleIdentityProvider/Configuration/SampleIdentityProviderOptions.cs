namespace SampleIdentityProvider.Configuration;

/// <summary>
/// Settings of the sample OpenID Provider (section <c>Provider</c>; environment variables <c>Provider__Name</c>).
/// Defaults suit <c>./demo.sh oidc</c>: the provider on http://127.0.0.1:5200, the gateway on http://localhost:5000.
/// </summary>
public sealed class SampleIdentityProviderOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Provider";

    /// <summary>
    /// The issuer (<c>iss</c>, discovery <c>issuer</c>), always written with a trailing <c>/</c>; default none: the
    /// address the request came to, which is the address the provider listens on (what tests on a dynamic port want).
    /// </summary>
    public string? Issuer { get; set; }

    /// <summary>Origin of the gateway the client registration points at; default <c>http://localhost:5000</c>.</summary>
    public string GatewayOrigin { get; set; } = "http://localhost:5000";

    /// <summary>Client id of the gateway; default <c>gateway</c>.</summary>
    public string ClientId { get; set; } = "gateway";

    /// <summary>Client secret of the gateway; default a published demo value: never use it outside a demo.</summary>
    public string ClientSecret { get; set; } = "gateway-demo-client-secret";

    /// <summary>Redirect URI path, below <see cref="GatewayOrigin"/>; default <c>/auth/callback</c>.</summary>
    public string RedirectPath { get; set; } = "/auth/callback";

    /// <summary>Post-logout redirect URI path, below <see cref="GatewayOrigin"/>; default <c>/auth/logout/callback</c>.</summary>
    public string PostLogoutRedirectPath { get; set; } = "/auth/logout/callback";

    /// <summary>Back-channel logout URI path, below <see cref="GatewayOrigin"/>; default <c>/auth/backchannel-logout</c>.</summary>
    public string BackchannelLogoutPath { get; set; } = "/auth/backchannel-logout";

    /// <summary>Access token lifetime; default 5 minutes.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Refresh token lifetime (renewed at each rotation); default 1 day.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long a rotated refresh token may still be redeemed (OpenIddict's reuse leeway); default 30 s, 0 for none.</summary>
    public TimeSpan RefreshTokenReuseLeeway { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Pushed authorization requests (RFC 9126): <c>Enabled</c>, <c>Required</c> or <c>Disabled</c>; default <c>Enabled</c>.</summary>
    public PushedAuthorizationMode PushedAuthorization { get; set; } = PushedAuthorizationMode.Enabled;

    /// <summary>Scopes the client may ask for besides <c>openid</c>, <c>profile</c>, <c>roles</c>, <c>offline_access</c>; default <c>api</c>, <c>api.read</c>, <c>api.write</c>.</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>Resource indicators (RFC 8707, absolute URIs) the client may ask for; default none listed: any absolute URI.</summary>
    public List<string> Resources { get; set; } = [];

    /// <summary>The users who can sign in; default alice, bob and carol (see the README).</summary>
    public List<ProviderUser> Users { get; set; } = [];

    /// <summary>Serve the loopback-only <c>/_test/*</c> endpoints (records, faults, back-channel logout); default false.</summary>
    public bool TestEndpoints { get; set; }

    /// <summary>
    /// Folder of the database and keys, kept across restarts; default none: both in memory, gone when it stops.
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>
    /// The RSA signing key as PEM; default none: the one in <see cref="DataDirectory"/>, else a new one. Tests that
    /// start many providers share one (generating an RSA key costs more than starting the provider).
    /// </summary>
    public string? SigningKeyPem { get; set; }

    /// <summary>The 256-bit key codes and refresh tokens are encrypted with, in base64; default as <see cref="SigningKeyPem"/>.</summary>
    public string? EncryptionKey { get; set; }
}
