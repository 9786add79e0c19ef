namespace Gateway.Oidc.Tokens;

/// <summary>What a route forwards (CONTRACT-OIDC.md, "Protected routes in Oidc mode"): the token type and, for <c>User</c>
/// and <c>Client</c>, the resource and scope the token is for.</summary>
internal sealed record RouteTokenSettings(TokenType Type, string? Resource, string? Scope)
{
    public string Key => ProviderTokenKey.For(Resource, Scope);
}
