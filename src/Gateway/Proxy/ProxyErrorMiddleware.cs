using Gateway.Http;
using Microsoft.AspNetCore.Diagnostics;
using Yarp.ReverseProxy.Forwarder;

namespace Gateway.Proxy;

/// <summary>
/// In YARP's pipeline: a downstream's own answer passes untouched (status code pages are switched off for it),
/// while a failure of the forwarding itself (unreachable, timed out) becomes a 502/504 problem from the gateway.
/// </summary>
internal static class ProxyErrorMiddleware
{
    public static async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }

        await next();

        var error = context.GetForwarderErrorFeature();
        if (error is null || context.Response.HasStarted)
        {
            return;
        }

        var problem = error.Error == ForwarderError.RequestTimedOut
            ? ProblemResults.DownstreamTimedOut()
            : ProblemResults.DownstreamUnavailable();
        await ProblemResults.WriteAsync(context, problem);
    }
}
