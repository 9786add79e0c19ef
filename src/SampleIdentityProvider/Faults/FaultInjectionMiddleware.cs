using OpenIddict.Abstractions;
using SampleIdentityProvider.Hosting;
using SampleIdentityProvider.Recording;
using SampleIdentityProvider.Server;

namespace SampleIdentityProvider.Faults;

/// <summary>Answers <c>503</c> or hangs in place of the faulted endpoints, before OpenIddict sees the request.</summary>
internal sealed class FaultInjectionMiddleware(
    RequestDelegate next, ProviderFaults faults, ProviderRecorder recorder, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<FaultInjectionMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var (endpoint, fault) = Match(http.Request.Path);
        if (fault == EndpointFault.None)
        {
            await next(http);
            return;
        }

        ProviderLog.FaultInjected(logger, fault, http.Request.Path.Value ?? "");
        if (endpoint is not null)
        {
            var request = http.Request.HasFormContentType ? new OpenIddictRequest(await http.Request.ReadFormAsync(http.RequestAborted)) : null;
            recorder.Record(RequestRecordFactory.Create(endpoint, time.GetUtcNow(), http.Request, request, subject: null, error: null, fault));
        }

        if (fault == EndpointFault.ServiceUnavailable)
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = "1";
            http.Response.Headers.CacheControl = "no-store";
            await http.Response.WriteAsJsonAsync(new { error = "temporarily_unavailable" }, http.RequestAborted);
            return;
        }

        using var hang = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            await Task.Delay(Timeout.Infinite, hang.Token);
        }
        catch (OperationCanceledException)
        {
            // The client gave up, or the provider is stopping: either way it gets no answer.
            http.Abort();
        }
    }

    private (string? Endpoint, EndpointFault Fault) Match(PathString path) => path.Value switch
    {
        ProviderPaths.Token => (RecordedEndpoints.Token, faults.Token),
        ProviderPaths.PushedAuthorization => (RecordedEndpoints.PushedAuthorization, faults.PushedAuthorization),
        ProviderPaths.Revocation => (RecordedEndpoints.Revocation, faults.Revocation),
        ProviderPaths.Discovery or ProviderPaths.Jwks => (null, faults.Discovery),
        _ => (null, EndpointFault.None),
    };
}
