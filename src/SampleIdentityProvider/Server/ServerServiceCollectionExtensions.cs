using SampleIdentityProvider.Configuration;
using SampleIdentityProvider.Keys;
using SampleIdentityProvider.Recording;
using SampleIdentityProvider.Storage;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace SampleIdentityProvider.Server;

internal static class ServerServiceCollectionExtensions
{
    /// <summary>OpenIddict's server, as the settings describe it, with the sample's few handlers added.</summary>
    public static IServiceCollection AddProviderServer(this IServiceCollection services, SampleIdentityProviderOptions options, ProviderKeys keys)
    {
        services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<ProviderDbContext>())
            .AddServer(server =>
            {
                if (!string.IsNullOrEmpty(options.Issuer))
                {
                    server.SetIssuer(new Uri(options.Issuer));
                }

                server.SetAuthorizationEndpointUris(ProviderPaths.Relative(ProviderPaths.Authorization))
                    .SetTokenEndpointUris(ProviderPaths.Relative(ProviderPaths.Token))
                    .SetRevocationEndpointUris(ProviderPaths.Relative(ProviderPaths.Revocation))
                    .SetEndSessionEndpointUris(ProviderPaths.Relative(ProviderPaths.EndSession))
                    .SetUserInfoEndpointUris(ProviderPaths.Relative(ProviderPaths.UserInfo));
                if (options.PushedAuthorization != PushedAuthorizationMode.Disabled)
                {
                    server.SetPushedAuthorizationEndpointUris(ProviderPaths.Relative(ProviderPaths.PushedAuthorization));
                }

                if (options.PushedAuthorization == PushedAuthorizationMode.Required)
                {
                    server.RequirePushedAuthorizationRequests();
                }

                server.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow().AllowClientCredentialsFlow()
                    .RequireProofKeyForCodeExchange()
                    .RegisterScopes([Scopes.Profile, Scopes.Roles, .. options.Scopes])
                    .RegisterClaims(Claims.Name, Claims.PreferredUsername, Claims.AuthenticationTime, "roles", "sid");
                if (options.Resources.Count > 0)
                {
                    server.RegisterResources([.. options.Resources.Select(resource => new Uri(resource))]);
                }
                else
                {
                    server.DisableResourceValidation().IgnoreResourcePermissions();
                }

                server.SetAccessTokenLifetime(options.AccessTokenLifetime)
                    .SetRefreshTokenLifetime(options.RefreshTokenLifetime)
                    .SetRefreshTokenReuseLeeway(options.RefreshTokenReuseLeeway)
                    // JWT access tokens that any API (and any test) can read and check against the JWKS.
                    .DisableAccessTokenEncryption()
                    .AddSigningKey(keys.Signing)
                    .AddEncryptionKey(keys.Encryption);

                server.Configure(openIddict =>
                {
                    // PKCE with S256 only, answers in the query only, and no private_key_jwt (the client has no keys).
                    openIddict.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain);
                    openIddict.ResponseModes.Remove(ResponseModes.FormPost);
                    openIddict.ResponseModes.Remove(ResponseModes.Fragment);
                    openIddict.ClientAuthenticationMethods.Remove(ClientAuthenticationMethods.PrivateKeyJwt);
                });

                server.AddEventHandler(AccessTokenAudienceHandler.Descriptor)
                    .AddEventHandler(BackchannelLogoutMetadataHandler.Descriptor)
                    .AddEventHandler(RefreshTokenFaultHandler.Descriptor)
                    .AddEventHandler(SubjectCaptureHandler.SignInDescriptor)
                    .AddEventHandler(SubjectCaptureHandler.RevocationDescriptor);
                foreach (var descriptor in RequestRecordingHandler.Descriptors)
                {
                    server.AddEventHandler(descriptor);
                }

                server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    // The sample runs on plain http (127.0.0.1 in tests and in the demo).
                    .DisableTransportSecurityRequirement();
            });
        return services;
    }
}
