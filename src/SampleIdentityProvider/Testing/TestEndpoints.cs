using System.Net;
using Microsoft.AspNetCore.Http.HttpResults;
using SampleIdentityProvider.BackchannelLogout;
using SampleIdentityProvider.Faults;
using SampleIdentityProvider.Recording;

namespace SampleIdentityProvider.Testing;

/// <summary>
/// <c>/_test/*</c>: the recorder, the fault switches and the back-channel logout sender for tests that run the
/// provider as a separate process. Mapped only with <c>Provider:TestEndpoints</c>, and only answered on loopback.
/// </summary>
internal static class TestEndpoints
{
    public static IEndpointRouteBuilder MapProviderTestEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/_test").AddEndpointFilter(LoopbackOnlyAsync);
        group.MapGet("/token-requests", (ProviderRecorder recorder) => TypedResults.Ok(recorder.TokenRequests));
        group.MapGet("/revocations", (ProviderRecorder recorder) => TypedResults.Ok(recorder.Revocations));
        group.MapGet("/pushed-authorization-requests", (ProviderRecorder recorder) => TypedResults.Ok(recorder.PushedAuthorizationRequests));
        group.MapGet("/authorization-requests", (ProviderRecorder recorder) => TypedResults.Ok(recorder.AuthorizationRequests));
        group.MapGet("/logins", (ProviderRecorder recorder) => TypedResults.Ok(recorder.Logins));
        group.MapGet("/backchannel-logouts", (ProviderRecorder recorder) => TypedResults.Ok(recorder.BackchannelLogouts));
        group.MapDelete("/records", ClearRecords);
        group.MapGet("/faults", (ProviderFaults faults) => TypedResults.Ok(faults.Settings));
        group.MapPut("/faults", SetFaults);
        group.MapPost("/backchannel-logout", SendBackchannelLogoutAsync);
        return endpoints;
    }

    private static NoContent ClearRecords(ProviderRecorder recorder)
    {
        recorder.Clear();
        return TypedResults.NoContent();
    }

    private static Ok<FaultSettings> SetFaults(FaultSettings settings, ProviderFaults faults)
    {
        faults.Settings = settings;
        return TypedResults.Ok(faults.Settings);
    }

    private static async Task<Results<Ok<BackchannelLogoutResult>, BadRequest<string>>> SendBackchannelLogoutAsync(
        BackchannelLogoutRequest request, BackchannelLogoutSender sender, CancellationToken cancellationToken)
    {
        if (request.Subject is null && request.SessionId is null)
        {
            return TypedResults.BadRequest("Name a subject, a sessionId, or both.");
        }

        return TypedResults.Ok(await sender.SendAsync(request.Subject, request.SessionId, cancellationToken));
    }

    private static async ValueTask<object?> LoopbackOnlyAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var remote = context.HttpContext.Connection.RemoteIpAddress;
        return remote is not null && IPAddress.IsLoopback(remote) ? await next(context) : TypedResults.NotFound();
    }
}
