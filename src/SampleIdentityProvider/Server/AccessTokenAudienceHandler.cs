using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace SampleIdentityProvider.Server;

/// <summary>
/// RFC 8707 §2.2: a token request naming resources gets an access token for those alone. OpenIddict gives every
/// access token all the resources of its grant; the grant (and so the rotated refresh token) keeps them all.
/// </summary>
internal sealed class AccessTokenAudienceHandler : IOpenIddictServerHandler<ProcessSignInContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
        .UseSingletonHandler<AccessTokenAudienceHandler>()
        .SetOrder(OpenIddictServerHandlers.PrepareAccessTokenPrincipal.Descriptor.Order + 500)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ProcessSignInContext context)
    {
        var requested = context.Request.GetResources();
        if (context.EndpointType == OpenIddictServerEndpointType.Token && !requested.IsEmpty && context.AccessTokenPrincipal is { } principal)
        {
            principal.SetAudiences(requested);
        }

        return ValueTask.CompletedTask;
    }
}
