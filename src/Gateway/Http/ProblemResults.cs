using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Gateway.Http;

/// <summary>Every error the gateway answers, as problem+json with a stable type and no internals.</summary>
internal static class ProblemResults
{
    public static ProblemHttpResult InvalidRequest(string detail) =>
        Create(StatusCodes.Status400BadRequest, ProblemTypes.InvalidRequest, "The request is malformed.", detail);

    public static ProblemHttpResult InvalidCredentials() =>
        Create(StatusCodes.Status401Unauthorized, ProblemTypes.InvalidCredentials, "Invalid username or password.");

    public static ProblemHttpResult Unauthenticated() =>
        Create(StatusCodes.Status401Unauthorized, ProblemTypes.Unauthenticated, "No live session.", "Sign in again.");

    public static ProblemHttpResult CsrfRefused(string detail) =>
        Create(StatusCodes.Status403Forbidden, ProblemTypes.CsrfRefused, "Cross-site request refused.", detail);

    /// <summary>429: sets <c>Retry-After</c> on the response, then the problem. A 429 never goes without it.</summary>
    public static ProblemHttpResult RateLimited(HttpResponse response, TimeSpan retryAfter)
    {
        RetryAfter.Set(response, retryAfter);
        return Create(StatusCodes.Status429TooManyRequests, ProblemTypes.RateLimited, "Too many attempts.", "Wait before trying again.");
    }

    /// <summary>503: sets <c>Retry-After</c> on the response, then the problem. Nothing was changed; the session is kept.</summary>
    public static ProblemHttpResult DatabaseUnavailable(HttpResponse response)
    {
        RetryAfter.Set(response, RetryAfter.Database);
        return Create(StatusCodes.Status503ServiceUnavailable, ProblemTypes.DatabaseUnavailable, "The session store is unavailable.",
            "Nothing was changed. Retry shortly.");
    }

    /// <summary>503 while too many password checks are under way: sets <c>Retry-After</c>, then the problem.</summary>
    public static ProblemHttpResult Overloaded(HttpResponse response)
    {
        RetryAfter.Set(response, RetryAfter.Overloaded);
        return Create(StatusCodes.Status503ServiceUnavailable, ProblemTypes.Overloaded, "Too many sign-ins in progress.", "Retry shortly.");
    }

    public static ProblemHttpResult WeakPassword(string detail) =>
        Create(StatusCodes.Status400BadRequest, ProblemTypes.WeakPassword, "The password is not accepted.", detail);

    public static ProblemHttpResult WrongCurrentPassword() =>
        Create(StatusCodes.Status400BadRequest, ProblemTypes.WrongPassword, "The current password is wrong.",
            "Repeated wrong passwords lock sign-in for a while, as at the login.");

    public static ProblemHttpResult UnsupportedMediaType() =>
        Create(StatusCodes.Status415UnsupportedMediaType, ProblemTypes.UnsupportedMediaType, "The body must be JSON.",
            "Send Content-Type: application/json.");

    public static ProblemHttpResult PayloadTooLarge() =>
        Create(StatusCodes.Status413PayloadTooLarge, ProblemTypes.PayloadTooLarge, "The request body is too large.");

    public static ProblemHttpResult DownstreamUnavailable() =>
        Create(StatusCodes.Status502BadGateway, ProblemTypes.DownstreamUnavailable, "The upstream service is unavailable.");

    public static ProblemHttpResult DownstreamTimedOut() =>
        Create(StatusCodes.Status504GatewayTimeout, ProblemTypes.DownstreamTimedOut, "The upstream service did not answer in time.");

    /// <summary>500 for a fault in the gateway's own code; what failed stays in the logs.</summary>
    public static ProblemHttpResult ServerError() =>
        Create(StatusCodes.Status500InternalServerError, ProblemTypes.ServerError, "An unexpected error occurred.");

    /// <summary>405: sets <c>Allow</c> (RFC 9110 section 15.5.6 requires it), then the problem.</summary>
    public static ProblemHttpResult MethodNotAllowed(HttpResponse response, string allowed, string detail)
    {
        response.Headers.Allow = allowed;
        return Create(StatusCodes.Status405MethodNotAllowed, ProblemTypes.MethodNotAllowed, "The method is not allowed.", detail);
    }

    /// <summary>503 while the OpenID Provider cannot be reached: sets <c>Retry-After</c>, then the problem. The session, if any, is kept.</summary>
    public static ProblemHttpResult ProviderUnavailable(HttpResponse response, string detail)
    {
        RetryAfter.Set(response, RetryAfter.Provider);
        return Create(StatusCodes.Status503ServiceUnavailable, ProblemTypes.ProviderUnavailable, "The identity provider cannot be reached.", detail);
    }

    public static ProblemHttpResult UnknownLoginState() =>
        Create(StatusCodes.Status400BadRequest, ProblemTypes.UnknownLoginState, "No sign-in is under way for this answer.",
            "The sign-in expired, was already completed, or was started in another browser. Start it again.");

    /// <summary>
    /// 400 for a back-channel logout token; <c>"error": "invalid_request"</c> beside the problem members for OPs that read
    /// the OAuth error form (Back-Channel Logout 1.0 section 2.8).
    /// </summary>
    public static ProblemHttpResult InvalidLogoutToken()
    {
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Type = ProblemTypes.InvalidLogoutToken,
            Title = "The logout token is not valid.",
        };
        problem.Extensions["error"] = "invalid_request";
        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult NotFound(string detail) =>
        Create(StatusCodes.Status404NotFound, ProblemTypes.NotFound, "Not found.", detail);

    /// <summary>Writes a problem outside an endpoint (proxy transforms, middleware), with the headers the gateway's own answers carry.</summary>
    public static Task WriteAsync(HttpContext context, ProblemHttpResult problem)
    {
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "no-store";
        return problem.ExecuteAsync(context);
    }

    private static ProblemHttpResult Create(int status, string type, string title, string? detail = null) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Type = type, Title = title, Detail = detail });
}
