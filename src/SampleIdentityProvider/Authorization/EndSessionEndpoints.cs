using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenIddict.Server.AspNetCore;
using SampleIdentityProvider.Accounts;
using SampleIdentityProvider.Server;

namespace SampleIdentityProvider.Authorization;

/// <summary>
/// RP-initiated logout: OpenIddict has validated <c>id_token_hint</c> and <c>post_logout_redirect_uri</c>; this ends
/// the provider session at once (no confirmation page: a sample) and lets OpenIddict redirect back with <c>state</c>.
/// </summary>
internal static class EndSessionEndpoints
{
    public static async Task<SignOutHttpResult> EndSessionAsync(HttpContext http, ProviderSessionStore sessions)
    {
        var session = await http.AuthenticateAsync(SessionCookie.Scheme);
        if (session.Principal?.FindFirst(SessionCookie.SessionIdClaim)?.Value is { } sessionId)
        {
            sessions.End(sessionId);
        }

        await http.SignOutAsync(SessionCookie.Scheme);
        // Without a valid post_logout_redirect_uri OpenIddict sends the browser to this page instead.
        return TypedResults.SignOut(
            new AuthenticationProperties { RedirectUri = ProviderPaths.LoggedOut },
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }
}
