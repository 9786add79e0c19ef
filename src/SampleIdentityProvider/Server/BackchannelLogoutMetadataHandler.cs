using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace SampleIdentityProvider.Server;

/// <summary>
/// Advertises the sample's own back-channel logout (OpenIddict knows nothing of it): logout tokens carry <c>sid</c>,
/// as the ID tokens do.
/// </summary>
internal sealed class BackchannelLogoutMetadataHandler : IOpenIddictServerHandler<HandleConfigurationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<HandleConfigurationRequestContext>()
        .UseSingletonHandler<BackchannelLogoutMetadataHandler>()
        .SetOrder(OpenIddictServerHandlers.Discovery.AttachAdditionalMetadata.Descriptor.Order + 500)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(HandleConfigurationRequestContext context)
    {
        context.Metadata["backchannel_logout_supported"] = true;
        context.Metadata["backchannel_logout_session_supported"] = true;
        return ValueTask.CompletedTask;
    }
}
