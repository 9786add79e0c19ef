using Microsoft.AspNetCore;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace SampleIdentityProvider.Recording;

/// <summary>Records each answer of the token, revocation, pushed authorization and authorization endpoints.</summary>
internal sealed class RequestRecordingHandler(ProviderRecorder recorder, TimeProvider time) :
    IOpenIddictServerHandler<ApplyTokenResponseContext>,
    IOpenIddictServerHandler<ApplyRevocationResponseContext>,
    IOpenIddictServerHandler<ApplyPushedAuthorizationResponseContext>,
    IOpenIddictServerHandler<ApplyAuthorizationResponseContext>
{
    // After OpenIddict's own touches to the response (error normalization: its handlers run below 0), before the
    // host integration writes it (from 100,000) and marks the request handled.
    private const int Order = 0;

    public static IEnumerable<OpenIddictServerHandlerDescriptor> Descriptors { get; } =
    [
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
            .UseSingletonHandler<RequestRecordingHandler>().SetOrder(Order).SetType(OpenIddictServerHandlerType.Custom).Build(),
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyRevocationResponseContext>()
            .UseSingletonHandler<RequestRecordingHandler>().SetOrder(Order).SetType(OpenIddictServerHandlerType.Custom).Build(),
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyPushedAuthorizationResponseContext>()
            .UseSingletonHandler<RequestRecordingHandler>().SetOrder(Order).SetType(OpenIddictServerHandlerType.Custom).Build(),
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyAuthorizationResponseContext>()
            .UseSingletonHandler<RequestRecordingHandler>().SetOrder(Order).SetType(OpenIddictServerHandlerType.Custom).Build(),
    ];

    public ValueTask HandleAsync(ApplyTokenResponseContext context) => Record(RecordedEndpoints.Token, context, context.Request, context.Error);

    public ValueTask HandleAsync(ApplyRevocationResponseContext context) => Record(RecordedEndpoints.Revocation, context, context.Request, context.Error);

    public ValueTask HandleAsync(ApplyPushedAuthorizationResponseContext context) =>
        Record(RecordedEndpoints.PushedAuthorization, context, context.Request, context.Error);

    public ValueTask HandleAsync(ApplyAuthorizationResponseContext context) =>
        Record(RecordedEndpoints.Authorization, context, context.Request, context.Error);

    private ValueTask Record(string endpoint, BaseContext context, OpenIddictRequest? request, string? error)
    {
        var subject = context.Transaction.Properties.TryGetValue(SubjectCaptureHandler.Property, out var value) ? value as string : null;
        recorder.Record(RequestRecordFactory.Create(endpoint, time.GetUtcNow(), context.Transaction.GetHttpRequest(), request, subject, error));
        return ValueTask.CompletedTask;
    }
}
