using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using SampleIdentityProvider.Accounts;
using SampleIdentityProvider.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace SampleIdentityProvider.Authorization;

/// <summary>
/// The authorization endpoint's user-facing part: OpenIddict has already validated the request (client, redirect
/// URI, PKCE, scopes, resources, PAR); this decides whether the user must sign in first, then signs them in.
/// </summary>
internal static class AuthorizationEndpoints
{
    public static async Task<Results<SignInHttpResult, ChallengeHttpResult, ForbidHttpResult>> AuthorizeAsync(
        HttpContext http, UserDirectory users, TimeProvider time)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var session = await http.AuthenticateAsync(SessionCookie.Scheme);
        var user = session.Succeeded ? users.FindBySubject(session.Principal.FindFirst(SessionCookie.SubjectClaim)?.Value ?? "") : null;

        if (request.HasPromptValue(PromptValues.None))
        {
            if (user is null || LoginRequirement.IsOlderThanMaxAge(request, session.Principal!, time.GetUtcNow()))
            {
                return ProviderRefusal.Forbid(Errors.LoginRequired, "The user is not signed in at the provider.");
            }
        }
        else if (user is null || LoginRequirement.NeedsFreshLogin(request, session.Principal!, http.Request.Query, time.GetUtcNow()))
        {
            return TypedResults.Challenge(new AuthenticationProperties { RedirectUri = ReturnUrl(http) }, [SessionCookie.Scheme]);
        }

        var principal = ProviderPrincipalFactory.ForUser(
            user,
            session.Principal!.FindFirst(SessionCookie.SessionIdClaim)!.Value,
            LoginRequirement.AuthenticationTime(session.Principal),
            request.GetScopes(),
            request.GetResources());
        return TypedResults.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>This request again, as a GET (a POSTed request's form becomes the query), without a stale login marker.</summary>
    private static string ReturnUrl(HttpContext http)
    {
        IEnumerable<KeyValuePair<string, StringValues>> parameters = http.Request.HasFormContentType ? http.Request.Form : http.Request.Query;
        var kept = parameters.Where(parameter => parameter.Key != AccountEndpoints.FreshLoginParameter);
        return ProviderPaths.Authorization + QueryString.Create(kept);
    }
}
