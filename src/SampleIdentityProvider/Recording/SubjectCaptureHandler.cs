using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace SampleIdentityProvider.Recording;

/// <summary>Keeps, for the record of the request, whom the tokens being issued or revoked are about.</summary>
internal sealed class SubjectCaptureHandler : IOpenIddictServerHandler<ProcessSignInContext>, IOpenIddictServerHandler<HandleRevocationRequestContext>
{
    public const string Property = "SampleIdentityProvider.Subject";

    public static OpenIddictServerHandlerDescriptor SignInDescriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
        .UseSingletonHandler<SubjectCaptureHandler>()
        .SetOrder(OpenIddictServerHandlers.ValidateSignInDemand.Descriptor.Order + 500)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    // Once OpenIddict has attached the principal of the token to revoke.
    public static OpenIddictServerHandlerDescriptor RevocationDescriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<HandleRevocationRequestContext>()
        .UseSingletonHandler<SubjectCaptureHandler>()
        .SetOrder(OpenIddictServerHandlers.Revocation.AttachPrincipal.Descriptor.Order + 500)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ProcessSignInContext context)
    {
        context.Transaction.Properties[Property] = context.Principal?.GetClaim(OpenIddictConstants.Claims.Subject);
        return ValueTask.CompletedTask;
    }

    public ValueTask HandleAsync(HandleRevocationRequestContext context)
    {
        context.Transaction.Properties[Property] = context.GenericTokenPrincipal?.GetClaim(OpenIddictConstants.Claims.Subject);
        return ValueTask.CompletedTask;
    }
}
