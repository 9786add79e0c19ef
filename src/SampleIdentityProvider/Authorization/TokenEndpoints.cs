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

        // Authorization code or refresh token: the principal stored in it, with the scopes and resources granted.
        var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var principal = result.Principal ?? throw new InvalidOperationException("OpenIddict validated no principal.");
        if (users.FindBySubject(principal.GetClaim(Claims.Subject) ?? "") is null)
        {
            return ProviderRefusal.Forbid(Errors.InvalidGrant, "The user no longer exists.");
        }

        // RFC 8707: a resource asked for at the token endpoint must be one the grant covers; the access token is then
        // issued for it alone (AccessTokenAudienceHandler), while the grant keeps all of them.
        var granted = principal.GetResources();
        if (request.GetResources().Except(granted, StringComparer.Ordinal).Any())
        {
            return ProviderRefusal.Forbid(Errors.InvalidTarget, "The resource was not granted to this authorization.");
        }

        return SignIn(principal);
    }

    private static SignInHttpResult SignIn(System.Security.Claims.ClaimsPrincipal principal) =>
        TypedResults.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
}
