using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenIddict.Server.AspNetCore;

namespace SampleIdentityProvider.Authorization;

internal static class ProviderRefusal
{
    /// <summary>An OAuth error OpenIddict answers with (a redirect to the client, or a JSON error), per its endpoint.</summary>
    public static ForbidHttpResult Forbid(string error, string description) => TypedResults.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
