using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using SampleIdentityProvider.Accounts;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace SampleIdentityProvider.Authorization;

/// <summary>The userinfo endpoint: the user's claims for a valid access token (OpenIddict has validated it).</summary>
internal static class UserInfoEndpoints
{
    public static async Task<Results<JsonHttpResult<JsonObject>, ChallengeHttpResult>> UserInfoAsync(HttpContext http, UserDirectory users)
    {
        var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var user = users.FindBySubject(result.Principal?.GetClaim(Claims.Subject) ?? "");
        if (user is null)
        {
            return TypedResults.Challenge(
                new AuthenticationProperties(new Dictionary<string, string?>
                {
                    [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.InvalidToken,
                    [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The user no longer exists.",
                }),
                [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var claims = new JsonObject
        {
            [Claims.Subject] = user.EffectiveSubject,
            [Claims.Name] = user.EffectiveName,
            [Claims.PreferredUsername] = user.UserName,
        };
        if (user.Roles.Count > 0)
        {
            claims[ProviderPrincipalFactory.RolesClaim] = new JsonArray([.. user.Roles.Select(role => JsonValue.Create(role))]);
        }

        return TypedResults.Json(claims);
    }
}
