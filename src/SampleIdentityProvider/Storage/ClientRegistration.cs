using OpenIddict.Abstractions;
using SampleIdentityProvider.Configuration;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace SampleIdentityProvider.Storage;

/// <summary>The gateway as a confidential client, as the settings describe it.</summary>
internal static class ClientRegistration
{
    public static OpenIddictApplicationDescriptor Describe(SampleIdentityProviderOptions options)
    {
        var origin = options.GatewayOrigin.TrimEnd('/');
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = options.ClientId,
            ClientSecret = options.ClientSecret,
            ClientType = ClientTypes.Confidential,
            DisplayName = "Gateway",
            RedirectUris = { new Uri(origin + options.RedirectPath) },
            PostLogoutRedirectUris = { new Uri(origin + options.PostLogoutRedirectPath) },
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.Revocation,
                Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.GrantTypes.RefreshToken,
                Permissions.GrantTypes.ClientCredentials,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile,
                Permissions.Scopes.Roles,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };

        if (options.PushedAuthorization != PushedAuthorizationMode.Disabled)
        {
            descriptor.Permissions.Add(Permissions.Endpoints.PushedAuthorization);
        }

        if (options.PushedAuthorization == PushedAuthorizationMode.Required)
        {
            descriptor.Requirements.Add(Requirements.Features.PushedAuthorizationRequests);
        }

        descriptor.Permissions.UnionWith(options.Scopes.Select(scope => Permissions.Prefixes.Scope + scope));
        descriptor.Permissions.UnionWith(options.Resources.Select(resource => Permissions.Prefixes.Resource + resource));
        return descriptor;
    }
}
