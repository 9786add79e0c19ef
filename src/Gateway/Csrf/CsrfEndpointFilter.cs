using Gateway.Http;
using Gateway.Observability;

namespace Gateway.Csrf;

/// <summary>Applied once to the <c>/auth</c> group: every endpoint there needs the CSRF header.</summary>
internal sealed class CsrfEndpointFilter(CsrfGuard guard, GatewayMetrics metrics) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var verdict = guard.Check(context.HttpContext.Request, requireHeader: true);
        if (!verdict.IsAllowed)
        {
            metrics.RequestRefused("csrf");
            return ProblemResults.CsrfRefused(verdict.RefusedBecause!);
        }

        return await next(context);
    }
}
