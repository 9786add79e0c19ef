namespace Gateway.Sessions.Login;

/// <summary>Who signs users in: the gateway itself (local users and passwords) or an external OpenID Provider.</summary>
internal enum AuthenticationMode
{
    Local,
    Oidc,
}
