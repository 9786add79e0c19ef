using Gateway.Http;
using Gateway.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Oidc.Logout;

/// <summary>
/// <c>POST /auth/backchannel-logout</c>: the OP's server calls it, with no cookie and no <c>X-CSRF</c>, so it is mapped
/// outside the CSRF group; it is rate limited per client IP instead.
/// </summary>
internal static class BackchannelLogoutEndpoints
{
    public const string RateLimitPolicy = "backchannel-logout";

    public static IEndpointRouteBuilder MapBackchannelLogout(IEndpointRouteBuilder endpoints, OidcOptions options)
    {
        endpoints.MapPost(options.BackchannelLogoutPath, ReceiveAsync).DisableAntiforgery().RequireRateLimiting(RateLimitPolicy);
        return endpoints;
    }

    private static async Task<Results<Ok, ProblemHttpResult>> ReceiveAsync(HttpContext context, BackchannelLogoutService service)
    {
        context.Response.Headers.CacheControl = "no-store";
        string? logoutToken = null;
        if (context.Request.HasFormContentType)
        {
            try
            {
                var form = await context.Request.ReadFormAsync(context.RequestAborted);
                logoutToken = form["logout_token"].Count == 1 ? form["logout_token"].ToString() : null;
            }
            catch (InvalidDataException)
            {
                // A body that is not a form (or past the form limits): no token.
            }
        }

        switch (await service.HandleAsync(logoutToken, SessionRequestInfo.From(context), context.RequestAborted))
        {
            case BackchannelLogoutResult.Accepted:
                return TypedResults.Ok();
            case BackchannelLogoutResult.ProviderUnavailable:
                return ProblemResults.ProviderUnavailable(context.Response, "The identity provider's keys cannot be fetched; retry later.");
            default:
                return ProblemResults.InvalidLogoutToken();
        }
    }
}
