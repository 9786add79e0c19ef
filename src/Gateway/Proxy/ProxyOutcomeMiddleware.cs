using Gateway.Observability;
using Yarp.ReverseProxy.Forwarder;

namespace Gateway.Proxy;

/// <summary>
/// Outermost in YARP's pipeline: answers a failed forward (<see cref="ProxyFailures"/>) and counts each proxied request
/// once by what became of it (forwarded, refused by the gateway, or failed on the way to or from the downstream).
/// ASP.NET Core's own metrics count the status codes. One await per request: the hot path's only middleware of ours.
/// </summary>
internal sealed class ProxyOutcomeMiddleware(GatewayMetrics metrics)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        await next(context);
        if (context.GetForwarderErrorFeature() is { } error)
        {
            await ProxyFailures.AnswerAsync(context, error);
        }

        metrics.ProxiedRequest(Outcome(context));
    }

    private static string Outcome(HttpContext context)
    {
        if (context.Features.Get<ProxyRefusal>() is not null)
        {
            return "refused";
        }

        return context.GetForwarderErrorFeature()?.Error switch
        {
            null or ForwarderError.None => "forwarded",
            ForwarderError.RequestTimedOut => "timed-out",
            ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.ResponseBodyCanceled
                or ForwarderError.UpgradeRequestCanceled or ForwarderError.UpgradeResponseCanceled => "canceled",
            ForwarderError.RequestBodyClient or ForwarderError.ResponseBodyClient
                or ForwarderError.UpgradeRequestClient or ForwarderError.UpgradeResponseClient => "client-error",
            _ => "failed",
        };
    }
}
