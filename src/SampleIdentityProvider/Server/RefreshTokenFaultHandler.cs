using OpenIddict.Abstractions;
using OpenIddict.Server;
using SampleIdentityProvider.Faults;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace SampleIdentityProvider.Server;

/// <summary>The <see cref="ProviderFaults.RejectRefreshTokens"/> switch: refresh requests of an authenticated client get <c>invalid_grant</c>.</summary>
internal sealed class RefreshTokenFaultHandler(ProviderFaults faults) : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenRequestContext>()
        .UseSingletonHandler<RefreshTokenFaultHandler>()
        .SetOrder(OpenIddictServerHandlers.Exchange.ValidateAuthentication.Descriptor.Order + 500)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        if (faults.RejectRefreshTokens && context.Request.IsRefreshTokenGrantType())
        {
            context.Reject(Errors.InvalidGrant, "The refresh token is rejected (fault switch).");
        }

        return ValueTask.CompletedTask;
    }
}
