namespace Gateway.Oidc;

/// <summary>
/// OpenID Connect mode (CONTRACT-OIDC.md, "Settings"). Names follow ASP.NET Core's <c>OpenIdConnectOptions</c> and
/// Duende BFF's options where they mean the same thing. Read only when <c>Gateway:Authentication:Mode</c> is <c>Oidc</c>.
/// </summary>
internal sealed class OidcOptions
{
    public const string SectionName = "Gateway:Authentication:Oidc";

    public const string ClientSecretBasic = "client_secret_basic";
    public const string ClientSecretPost = "client_secret_post";

    /// <summary>The OP's issuer; its metadata is read from <c>{Authority}/.well-known/openid-configuration</c>; required.</summary>
    public string? Authority { get; set; }

    /// <summary>The gateway's client id at the OP; required.</summary>
    public string? ClientId { get; set; }

    /// <summary>The gateway's client secret at the OP; required; never logged.</summary>
    public string? ClientSecret { get; set; }

    /// <summary><c>client_secret_basic</c> (default) or <c>client_secret_post</c>, on every call to the OP.</summary>
    public string ClientAuthentication { get; set; } = ClientSecretBasic;

    /// <summary>Scopes requested at login; <c>openid</c> is always added; default <c>openid profile offline_access</c>.</summary>
    /// <remarks>Empty here and filled after binding: the binder appends to an array's defaults instead of replacing them.</remarks>
    public string[] Scope { get; set; } = [];

    /// <summary>RFC 8707 resource indicators requested at login besides every <c>User</c> route's <c>Metadata:Resource</c>; default none.</summary>
    public string[] Resources { get; set; } = [];

    /// <summary>Pushed authorization requests: <c>UseIfAvailable</c> (default), <c>Require</c> or <c>Disable</c>.</summary>
    public PushedAuthorizationBehavior PushedAuthorizationBehavior { get; set; } = PushedAuthorizationBehavior.UseIfAvailable;

    /// <summary>Redirect URI path; default <c>/auth/callback</c>.</summary>
    public string CallbackPath { get; set; } = "/auth/callback";

    /// <summary>Post-logout redirect URI path; default <c>/auth/logout/callback</c>.</summary>
    public string SignedOutCallbackPath { get; set; } = "/auth/logout/callback";

    /// <summary>Back-channel logout URI path; default <c>/auth/backchannel-logout</c>.</summary>
    public string BackchannelLogoutPath { get; set; } = "/auth/backchannel-logout";

    /// <summary>OP tokens are refreshed when they expire within the smaller of this and half their lifetime; default 1 minute.</summary>
    public TimeSpan RefreshBeforeExpiration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Timeout of each call to the OP (metadata, PAR, token, revocation); default 10 seconds.</summary>
    public TimeSpan ProviderTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Claim for <c>user.name</c>, then <c>preferred_username</c>, then <c>sub</c>; default <c>name</c>.</summary>
    public string NameClaimType { get; set; } = "name";

    /// <summary>Claim for <c>user.roles</c> (a string or an array); default <c>roles</c>.</summary>
    public string RoleClaimType { get; set; } = "roles";

    /// <summary>Token forwarded on protected routes without <c>Metadata:TokenType</c>; default <c>User</c>.</summary>
    public string DefaultTokenType { get; set; } = nameof(TokenType.User);

    /// <summary>Logout also ends the OP session (RP-initiated logout); default true.</summary>
    public bool SignOutAtProvider { get; set; } = true;

    /// <summary>Revoke the OP refresh token (RFC 7009) when a session ends by logout, revocation or back-channel logout; default true.</summary>
    public bool RevokeRefreshTokenOnLogout { get; set; } = true;

    /// <summary>A logout token with <c>sid</c> ends all of that user's sessions, not only the matching one; default false.</summary>
    public bool BackchannelLogoutAllUserSessions { get; set; }

    /// <summary>How long a started login may take; default 10 minutes.</summary>
    public TimeSpan LoginStateLifetime { get; set; } = TimeSpan.FromMinutes(10);

    public static readonly string[] DefaultScope = ["openid", "profile", "offline_access"];

    /// <summary>The metadata address, with the Authority's trailing <c>/</c> ignored.</summary>
    public string MetadataAddress => AuthorityWithoutSlash + "/.well-known/openid-configuration";

    public string AuthorityWithoutSlash => (Authority ?? "").TrimEnd('/');

    /// <summary>Whether <paramref name="issuer"/> names this OP: equal to <see cref="Authority"/>, a trailing <c>/</c> ignored.</summary>
    public bool IsAuthority(string? issuer) =>
        issuer is not null && string.Equals(issuer.TrimEnd('/'), AuthorityWithoutSlash, StringComparison.Ordinal);

    public TokenType DefaultTokenTypeValue => TokenTypes.TryParse(DefaultTokenType, out var type) ? type : TokenType.User;
}
