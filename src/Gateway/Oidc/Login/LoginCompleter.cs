using Gateway.Observability;
using Gateway.Oidc.Provider;
using Gateway.Sessions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Gateway.Oidc.Login;

/// <summary>
/// <c>GET /auth/callback</c>: matches the OP's answer to its login-state cookie, checks it (RFC 9207 <c>iss</c>, the
/// OP's <c>error</c>), redeems the code with the PKCE verifier, validates the ID token and starts the session. Every
/// failure past the state check comes back to the app as <c>loginError</c>, never as a 500.
/// </summary>
internal sealed class LoginCompleter(
    LoginStateCookies loginCookies,
    ProviderMetadata metadata,
    ProviderClient provider,
    ProviderTokenValidator validator,
    ProviderSessionStarter starter,
    GatewayUrls urls,
    IOptions<OidcOptions> options,
    GatewayMetrics metrics,
    TimeProvider time,
    ILogger<LoginCompleter> logger)
{
    public async Task<LoginCompletion> CompleteAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var login = loginCookies.Find(context.Request, Single(query, OpenIdConnectParameterNames.State), time.GetUtcNow(),
            out var cookieName, out var unreadable);
        if (login is null)
        {
            // A tampered cookie is cleared; a valid one for another login stays for that login.
            if (unreadable)
            {
                loginCookies.Clear(context.Response, cookieName!);
            }

            metrics.Login("unknown-state");
            return LoginCompletion.UnknownState;
        }

        // Used once: whatever happens next, this login is over.
        loginCookies.Clear(context.Response, cookieName!);
        var completion = await RedeemAsync(context, login);
        if (completion.Error is { } error)
        {
            var client = SessionRequestInfo.From(context);
            metrics.Login("provider-" + error);
            LoginLog.ProviderLoginFailed(logger, error, client.Ip);
            await starter.RecordFailureAsync(error, client, context.RequestAborted);
        }

        return completion;
    }

    private async Task<LoginCompletion> RedeemAsync(HttpContext context, LoginState login)
    {
        var query = context.Request.Query;
        var settings = options.Value;
        var issuer = Single(query, "iss");
        if (issuer is not null && !settings.IsAuthority(issuer))
        {
            // RFC 9207: an answer naming another issuer is a mix-up attack or a misconfiguration; trust nothing in it.
            return LoginCompletion.Failed(login.ReturnUrl, LoginErrors.InvalidResponse);
        }

        if (Single(query, OpenIdConnectParameterNames.Error) is { } providerError)
        {
            return LoginCompletion.Failed(login.ReturnUrl, LoginErrors.FromProviderError(providerError));
        }

        var configuration = await metadata.GetAsync(context.RequestAborted);
        if (configuration is null || string.IsNullOrEmpty(configuration.TokenEndpoint))
        {
            return LoginCompletion.Failed(login.ReturnUrl, LoginErrors.ProviderUnavailable);
        }

        if (issuer is null && configuration.AuthorizationResponseIssParameterSupported)
        {
            return LoginCompletion.Failed(login.ReturnUrl, LoginErrors.InvalidResponse);
        }

        if (Single(query, OpenIdConnectParameterNames.Code) is not { Length: > 0 } code)
        {
            return LoginCompletion.Failed(login.ReturnUrl, LoginErrors.InvalidResponse);
        }

        var tokens = await provider.RedeemCodeAsync(configuration.TokenEndpoint, code, urls.Callback, login.CodeVerifier, context.RequestAborted);
        switch (tokens.Outcome)
        {
            case ProviderCallOutcome.Refused:
                return LoginCompletion.Failed(login.ReturnUrl, LoginErrors.ProviderError);
            case ProviderCallOutcome.Unreachable:
                return LoginCompletion.Failed(login.ReturnUrl, LoginErrors.ProviderUnavailable);
        }

        if (tokens.IdToken is null)
        {
            return LoginCompletion.Failed(login.ReturnUrl, LoginErrors.InvalidResponse);
        }

        var validation = await validator.ValidateAsync(tokens.IdToken, requireExpiration: true, context.RequestAborted);
        if (validation.ProviderUnavailable)
        {
            return LoginCompletion.Failed(login.ReturnUrl, LoginErrors.ProviderUnavailable);
        }

        var identity = validation.Token is { } idToken && IsForThisLogin(idToken, login, settings.ClientId!)
            ? ProviderIdentity.From(idToken, settings.NameClaimType, settings.RoleClaimType)
            : null;
        if (identity is null)
        {
            LoginLog.IdTokenRefused(logger, validation.Failure ?? "nonce, azp or sub");
            return LoginCompletion.Failed(login.ReturnUrl, LoginErrors.InvalidResponse);
        }

        var session = await starter.StartAsync(context, identity, tokens);
        metrics.Login("succeeded");
        LoginLog.ProviderLoginSucceeded(logger, identity.Subject, session.Ticket.SessionId);
        return LoginCompletion.SignedIn(login.ReturnUrl, session);
    }

    /// <summary>The <c>nonce</c> of this login (replayed ID tokens carry another), and <c>azp</c> = us when there are several audiences.</summary>
    private static bool IsForThisLogin(JsonWebToken idToken, LoginState login, string clientId)
    {
        if (!idToken.TryGetPayloadValue<string>("nonce", out var nonce) || !string.Equals(nonce, login.Nonce, StringComparison.Ordinal))
        {
            return false;
        }

        var audiences = idToken.Audiences.ToList();
        return audiences.Count <= 1
            || (idToken.TryGetPayloadValue<string>("azp", out var azp) && string.Equals(azp, clientId, StringComparison.Ordinal));
    }

    /// <summary>A parameter given once; given twice it is ambiguous and counts as absent.</summary>
    private static string? Single(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.Count == 1 ? values[0] : null;
}
