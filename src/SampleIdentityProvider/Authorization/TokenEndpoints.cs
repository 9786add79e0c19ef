using System.Globalization;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using SampleIdentityProvider.Accounts;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace SampleIdentityProvider.Authorization;

/// <summary>
/// The token endpoint's decisions once OpenIddict has authenticated the client and validated the code or refresh
/// token (and rotated it): which principal the new tokens are for.
/// </summary>
internal static class TokenEndpoints
{
    public static async Task<Results<SignInHttpResult, ForbidHttpResult>> ExchangeAsync(HttpContext http, UserDirectory users)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (request.IsClientCredentialsGrantType())
        {
            return SignIn(ProviderPrincipalFactory.ForClient(request.ClientId!, request.GetScopes(), request.GetResources()));
        }

        // Authorization code or refresh token: OpenIddict has validated it (and rotated a refresh token).
        var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var granted = result.Principal ?? throw new InvalidOperationException("OpenIddict validated no principal.");
        var user = users.FindBySubject(granted.GetClaim(Claims.Subject) ?? "");
        if (user is null)
        {
            return ProviderRefusal.Forbid(Errors.InvalidGrant, "The user no longer exists.");
        }

        // RFC 8707: a resource asked for at the token endpoint must be one the grant covers; the access token is then
        // issued for it alone (AccessTokenAudienceHandler), while the grant keeps all of them.
        if (request.GetResources().Except(granted.GetResources(), StringComparer.Ordinal).Any())
        {
            return ProviderRefusal.Forbid(Errors.InvalidTarget, "The resource was not granted to this authorization.");
        }

        // The user's claims afresh (a changed name or role shows at the next refresh), for the same session and grant.
        // Rebuilt rather than reused: a JSON array claim read back from a code or refresh token with one element
        // would come back as a plain string. OpenIddict restores its own internal claims.
        var authenticationTime = long.TryParse(granted.GetClaim(Claims.AuthenticationTime), CultureInfo.InvariantCulture, out var time) ? time : 0;
        return SignIn(ProviderPrincipalFactory.ForUser(
            user, granted.GetClaim(ProviderPrincipalFactory.SessionIdClaim) ?? "", authenticationTime, granted.GetScopes(), granted.GetResources()));
    }

    private static SignInHttpResult SignIn(System.Security.Claims.ClaimsPrincipal principal) =>
        TypedResults.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
}
