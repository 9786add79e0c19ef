namespace Gateway.Oidc.Login;

/// <summary>
/// One login under way, kept encrypted in its own login-state cookie: what the callback checks the OP's answer
/// against (<c>state</c>, <c>nonce</c>) and needs to redeem the code (the PKCE verifier), and where to go afterwards.
/// </summary>
internal sealed record LoginState(string State, string Nonce, string CodeVerifier, string ReturnUrl, DateTimeOffset CreatedAt)
{
    /// <summary>The part of <see cref="State"/> that names the cookie: <c>{id}.{secret}</c>.</summary>
    public string Id => IdOf(State) ?? "";

    public static string? IdOf(string? state)
    {
        var dot = state?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        return dot > 0 && dot < 32 && state![..dot].All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? state[..dot] : null;
    }
}
