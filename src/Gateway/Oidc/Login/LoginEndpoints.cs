using Gateway.Http;
using Gateway.RateLimiting;
using Gateway.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Gateway.Oidc.Login;

/// <summary>
/// <c>GET /auth/login</c> and the callback: top-level navigations (often cross-site from the OP), so they are mapped
/// outside the <c>X-CSRF</c> group. Neither changes a session except a successful callback (CONTRACT-OIDC.md).
/// </summary>
internal static class LoginEndpoints
{
    public static IEndpointRouteBuilder MapLogin(IEndpointRouteBuilder endpoints, OidcOptions options)
    {
        endpoints.MapGet("/auth/login", Login).RequireRateLimiting(RouteRateLimits.PolicyName);
        endpoints.MapGet(options.CallbackPath, Callback);
        return endpoints;
    }

    private static async Task<Results<RedirectHttpResult, ProblemHttpResult>> Login(HttpContext context, LoginStarter starter)
    {
        context.Response.Headers.CacheControl = "no-store";
        var query = context.Request.Query;
        if (query["returnUrl"].Count > 1)
        {
            return ProblemResults.InvalidRequest("returnUrl must be given once.");
        }

        if (ReturnUrl.Validate(query["returnUrl"].ToString(), out var returnUrl) is { } badReturnUrl)
        {
            return ProblemResults.InvalidRequest(badReturnUrl);
        }

        var prompt = query["prompt"];
        if (prompt.Count > 1 || !LoginPrompt.IsValid(prompt.ToString()))
        {
            return ProblemResults.InvalidRequest($"prompt must be one of {LoginPrompt.AllowedValues}.");
        }

        var start = await starter.StartAsync(context, returnUrl, prompt.Count == 0 ? null : prompt.ToString());
        return start.AuthorizationUrl is { } url
            ? TypedResults.Redirect(url)
            : ProblemResults.ProviderUnavailable(context.Response, "Sign-in is unavailable until the identity provider answers again.");
    }

    private static async Task<Results<RedirectHttpResult, ProblemHttpResult>> Callback(
        HttpContext context, LoginCompleter completer, SessionCookies cookies)
    {
        context.Response.Headers.CacheControl = "no-store";
        var completion = await completer.CompleteAsync(context);
        if (completion.IsUnknownState)
        {
            return ProblemResults.UnknownLoginState();
        }

        if (completion.Session is { } session)
        {
            cookies.Write(context.Response, session);
        }

        return TypedResults.Redirect(ReturnUrl.ToLocation(completion.Location!));
    }
}
