using Gateway.Http;
using Gateway.Oidc.Login;
using Gateway.Oidc.Provider;
using Gateway.Oidc.Tokens;
using Gateway.Sessions;
using Gateway.Sessions.Revocation;
using Gateway.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Gateway.Oidc.Logout;

/// <summary>
/// Logout in OpenID Connect mode: <c>POST /auth/logout</c> ends the session as in local mode and hands back an
/// <c>endSessionUrl</c>; following it continues at the OP's <c>end_session_endpoint</c> (RP-initiated logout), which
/// sends the browser back to the signed-out callback.
/// </summary>
internal static class LogoutEndpoints
{
    /// <summary><c>POST /auth/logout</c> keeps the local-mode CSRF rules: it goes into the <c>/auth</c> group.</summary>
    public static RouteGroupBuilder MapLogout(RouteGroupBuilder auth)
    {
        auth.MapPost("/logout", Logout);
        return auth;
    }

    /// <summary>The two navigations (from the app, and back from the OP): outside the <c>X-CSRF</c> group.</summary>
    public static IEndpointRouteBuilder MapLogoutNavigations(IEndpointRouteBuilder endpoints, OidcOptions options)
    {
        endpoints.MapGet("/auth/logout/provider", ContinueAtProvider);
        endpoints.MapGet(options.SignedOutCallbackPath, SignedOut);
        return endpoints;
    }

    private static async Task<Results<Ok<LogoutAnswer>, NoContent, ProblemHttpResult>> Logout(
        HttpContext context, SessionResolver resolver, SessionRevoker revoker, SessionCookies cookies, ProviderMetadata metadata,
        LogoutProtector protector, IOptions<OidcOptions> options)
    {
        if (ReturnUrl.Validate(context.Request.Query["returnUrl"].ToString(), out var returnUrl) is { } badReturnUrl)
        {
            return ProblemResults.InvalidRequest(badReturnUrl);
        }

        var sessionId = await resolver.IdentifyAsync(context);
        var ended = sessionId is null
            ? 0
            : await revoker.RevokeAsync(sessionId, RevocationReasons.Logout, RevocationActors.User, SessionRequestInfo.From(context), context.RequestAborted);
        if (cookies.HasAny(context.Request.Headers.Cookie))
        {
            cookies.Clear(context.Response);
        }

        context.Response.Headers.CacheControl = "no-store";
        if (ended == 0 || !options.Value.SignOutAtProvider
            || string.IsNullOrEmpty((await metadata.GetAsync(context.RequestAborted))?.EndSessionEndpoint))
        {
            return TypedResults.NoContent();
        }

        return TypedResults.Ok(new LogoutAnswer($"/auth/logout/provider?ticket={protector.ProtectTicket(sessionId!, returnUrl)}"));
    }

    private static async Task<Results<RedirectHttpResult, ProblemHttpResult>> ContinueAtProvider(
        HttpContext context, LogoutProtector protector, ProviderMetadata metadata, GatewayDbContext db, ProviderTokenProtector tokens,
        GatewayUrls urls, IOptions<OidcOptions> options)
    {
        context.Response.Headers.CacheControl = "no-store";
        var ticket = protector.UnprotectTicket(context.Request.Query["ticket"].ToString());
        if (ticket is null)
        {
            return ProblemResults.InvalidRequest("The logout ticket is unknown or expired (it is valid for 5 minutes).");
        }

        var endSession = (await metadata.GetAsync(context.RequestAborted))?.EndSessionEndpoint;
        if (string.IsNullOrEmpty(endSession))
        {
            return ProblemResults.ProviderUnavailable(context.Response, "Signing out at the identity provider is unavailable right now.");
        }

        var storedIdToken = await db.Set<ProviderGrant>().AsNoTracking().Where(grant => grant.SessionId == ticket.SessionId)
            .Select(grant => grant.IdToken).FirstOrDefaultAsync(context.RequestAborted);
        var parameters = new List<KeyValuePair<string, string>>();
        if (tokens.UnprotectIdToken(storedIdToken) is { } idToken)
        {
            // The one place an OP token leaves the gateway: the OP's own ID token, back to the OP, as its logout asks.
            parameters.Add(new(OpenIdConnectParameterNames.IdTokenHint, idToken));
        }

        parameters.Add(new(OpenIdConnectParameterNames.ClientId, options.Value.ClientId!));
        parameters.Add(new(OpenIdConnectParameterNames.PostLogoutRedirectUri, urls.SignedOutCallback));
        parameters.Add(new(OpenIdConnectParameterNames.State, protector.ProtectState(ticket.ReturnUrl)));
        var query = string.Join('&', parameters.Select(parameter => $"{parameter.Key}={Uri.EscapeDataString(parameter.Value)}"));
        return TypedResults.Redirect(endSession + (endSession.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query);
    }

    private static RedirectHttpResult SignedOut(HttpContext context, LogoutProtector protector)
    {
        context.Response.Headers.CacheControl = "no-store";
        var state = protector.UnprotectState(context.Request.Query["state"].ToString());
        return TypedResults.Redirect(ReturnUrl.ToLocation(state?.ReturnUrl ?? ReturnUrl.Default));
    }
}
