using Gateway.Http;
using Yarp.ReverseProxy.Forwarder;

namespace Gateway.Proxy;

/// <summary>
/// A failed forward becomes the gateway's problem answer (<see cref="ProxyOutcomeMiddleware"/> calls this when YARP
/// reports one; a downstream's own answer, an error status included, passes untouched), named after whose fault it was: the client's
/// (a body it broke off or malformed: 400), the gateway's own (an exception in its code on the way: 500, or 503
/// for the database), or the downstream's (unreachable, failing: 502; silent: 504).
/// </summary>
internal static class ProxyFailures
{
    public static async Task AnswerAsync(HttpContext context, IForwarderErrorFeature error)
    {
        var fault = FaultOf(error.Error);
        Log(context, fault, error);
        if (context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
        {
            // YARP has reset the streams already, or nobody is left to read an answer.
            return;
        }

        await ProblemResults.WriteAsync(context, fault switch
        {
            ProxyFault.Client when context.Response.StatusCode == StatusCodes.Status413PayloadTooLarge => ProblemResults.PayloadTooLarge(),
            ProxyFault.Client => ProblemResults.InvalidRequest("The request body was broken off or malformed."),
            ProxyFault.Gateway when IsDatabaseFault(error) => ProblemResults.DatabaseUnavailable(context.Response),
            ProxyFault.Gateway => ProblemResults.ServerError(),
            ProxyFault.DownstreamTimeout => ProblemResults.DownstreamTimedOut(),
            _ => ProblemResults.DownstreamUnavailable(),
        });
    }

    /// <summary>Whose fault a YARP forwarding error is: the names say which side of the gateway failed.</summary>
    public static ProxyFault FaultOf(ForwarderError error) => error switch
    {
        ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.RequestBodyClient
            or ForwarderError.ResponseBodyCanceled or ForwarderError.ResponseBodyClient
            or ForwarderError.UpgradeRequestCanceled or ForwarderError.UpgradeRequestClient
            or ForwarderError.UpgradeResponseCanceled or ForwarderError.UpgradeResponseClient => ProxyFault.Client,

        // Thrown while the outgoing request was built (before anything reached the downstream), or while the downstream's
        // answer, received in full health, was turned into the client's: the gateway's own transforms.
        ForwarderError.RequestCreation or ForwarderError.ResponseHeaders => ProxyFault.Gateway,
        ForwarderError.RequestTimedOut => ProxyFault.DownstreamTimeout,
        _ => ProxyFault.Downstream,
    };

    private static bool IsDatabaseFault(IForwarderErrorFeature error) =>
        error.Exception is { } exception && GatewayExceptionHandler.IsDatabaseFailure(exception);

    private static void Log(HttpContext context, ProxyFault fault, IForwarderErrorFeature error)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ProxyFailures));
        var request = context.Request;
        switch (fault)
        {
            case ProxyFault.Client:
                ProxyLog.ClientBrokeRequest(logger, request.Method, request.Path, error.Error);
                break;
            case ProxyFault.Gateway when IsDatabaseFault(error):
                ProxyLog.DatabaseUnavailable(logger, request.Method, request.Path, error.Exception!.GetBaseException().Message);
                break;
            case ProxyFault.Gateway:
                ProxyLog.GatewayFault(logger, request.Method, request.Path, error.Error, error.Exception);
                break;
            default:
                ProxyLog.DownstreamFailed(logger, request.Method, request.Path, error.Error, error.Exception?.GetBaseException().Message ?? "");
                break;
        }
    }
}
