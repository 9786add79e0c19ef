namespace Gateway.Oidc.Tokens;

/// <summary>What the proxy asks for a route whose token comes from the OP: the user's (a session's) or the client's.</summary>
internal sealed class ProviderTokens(UserTokenService users, ClientTokenService clients)
{
    public ValueTask<ProviderTokenResult> GetAsync(RouteTokenSettings route, string? sessionId, CancellationToken cancellationToken) =>
        route.Type == TokenType.User
            ? users.GetAsync(sessionId ?? throw new InvalidOperationException("A User token needs a session."), route, cancellationToken)
            : clients.GetAsync(route, cancellationToken);
}
