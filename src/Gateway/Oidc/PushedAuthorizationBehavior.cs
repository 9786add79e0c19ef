namespace Gateway.Oidc;

/// <summary>RFC 9126 pushed authorization requests, as ASP.NET Core's <c>OpenIdConnectOptions</c> names the choice.</summary>
internal enum PushedAuthorizationBehavior
{
    /// <summary>Push when the OP's metadata advertises a <c>pushed_authorization_request_endpoint</c>.</summary>
    UseIfAvailable,

    /// <summary>Never push.</summary>
    Disable,

    /// <summary>Always push; a login answers 503 when the OP offers no endpoint for it.</summary>
    Require,
}
