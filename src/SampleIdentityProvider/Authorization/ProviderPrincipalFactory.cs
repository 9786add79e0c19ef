using System.Collections.Immutable;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using SampleIdentityProvider.Configuration;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace SampleIdentityProvider.Authorization;

/// <summary>The claims OpenIddict turns into tokens, each with the tokens it goes into.</summary>
internal static class ProviderPrincipalFactory
{
    public const string RolesClaim = "roles";
    public const string SessionIdClaim = "sid";

    public static ClaimsPrincipal ForUser(ProviderUser user, string sessionId, long authenticationTime, ImmutableArray<string> scopes, ImmutableArray<string> resources)
    {
        var identity = NewIdentity()
            .SetClaim(Claims.Subject, user.EffectiveSubject)
            .SetClaim(Claims.Name, user.EffectiveName)
            .SetClaim(Claims.PreferredUsername, user.UserName)
            .SetClaim(SessionIdClaim, sessionId)
            .SetClaim(Claims.AuthenticationTime, authenticationTime);
        if (user.Roles.Count > 0)
        {
            // One claim holding a JSON array: "roles" is an array in every token even with a single role.
            identity.AddClaim(new Claim(RolesClaim, JsonSerializer.Serialize(user.Roles), JsonClaimValueTypes.JsonArray));
        }

        identity.SetScopes(scopes);
        identity.SetResources(resources);
        identity.SetDestinations(claim => UserDestinations(claim, scopes));
        return new ClaimsPrincipal(identity);
    }

    public static ClaimsPrincipal ForClient(string clientId, ImmutableArray<string> scopes, ImmutableArray<string> resources)
    {
        var identity = NewIdentity().SetClaim(Claims.Subject, clientId);
        identity.SetScopes(scopes);
        identity.SetResources(resources);
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }

    private static ClaimsIdentity NewIdentity() =>
        new(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, RolesClaim);

    private static IEnumerable<string> UserDestinations(Claim claim, ImmutableArray<string> scopes)
    {
        var profile = scopes.Contains(Scopes.Profile);
        return claim.Type switch
        {
            Claims.Name or Claims.PreferredUsername => profile ? [Destinations.AccessToken, Destinations.IdentityToken] : [Destinations.AccessToken],
            RolesClaim => profile || scopes.Contains(Scopes.Roles) ? [Destinations.AccessToken, Destinations.IdentityToken] : [Destinations.AccessToken],
            SessionIdClaim => [Destinations.AccessToken, Destinations.IdentityToken],
            Claims.AuthenticationTime => [Destinations.IdentityToken],
            _ => [Destinations.AccessToken],
        };
    }
}
