using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Gateway.Http;

/// <summary>Every error the gateway answers, as problem+json with a stable type and no internals.</summary>
internal static class ProblemResults
{
    /// <summary>Seconds a client should wait before retrying while the database is unreachable.</summary>
    public const int DatabaseRetryAfterSeconds = 5;

    public static ProblemHttpResult InvalidRequest(string detail) =>
        Create(StatusCodes.Status400BadRequest, ProblemTypes.InvalidRequest, "The request is malformed.", detail);

    public static ProblemHttpResult InvalidCredentials() =>
        Create(StatusCodes.Status401Unauthorized, ProblemTypes.InvalidCredentials, "Invalid username or password.");

    public static ProblemHttpResult Unauthenticated() =>
        Create(StatusCodes.Status401Unauthorized, ProblemTypes.Unauthenticated, "No live session.", "Sign in again.");

    public static ProblemHttpResult CsrfRefused(string detail) =>
        Create(StatusCodes.Status403Forbidden, ProblemTypes.CsrfRefused, "Cross-site request refused.", detail);

    public static ProblemHttpResult RateLimited() =>
        Create(StatusCodes.Status429TooManyRequests, ProblemTypes.RateLimited, "Too many attempts.", "Wait before trying again.");

    public static ProblemHttpResult DatabaseUnavailable() =>
        Create(StatusCodes.Status503ServiceUnavailable, ProblemTypes.DatabaseUnavailable, "The session store is unavailable.",
            "Nothing was changed. Retry shortly.");

    public static ProblemHttpResult Overloaded() =>
        Create(StatusCodes.Status503ServiceUnavailable, ProblemTypes.Overloaded, "Too many sign-ins in progress.", "Retry shortly.");

    public static ProblemHttpResult WeakPassword(string detail) =>
        Create(StatusCodes.Status400BadRequest, ProblemTypes.WeakPassword, "The password is not accepted.", detail);

    public static ProblemHttpResult UnsupportedMediaType() =>
        Create(StatusCodes.Status415UnsupportedMediaType, ProblemTypes.UnsupportedMediaType, "The body must be JSON.",
            "Send Content-Type: application/json.");

    public static ProblemHttpResult PayloadTooLarge() =>
        Create(StatusCodes.Status413PayloadTooLarge, ProblemTypes.PayloadTooLarge, "The request body is too large.");

    public static ProblemHttpResult DownstreamUnavailable() =>
        Create(StatusCodes.Status502BadGateway, ProblemTypes.DownstreamUnavailable, "The upstream service is unavailable.");

    public static ProblemHttpResult DownstreamTimedOut() =>
        Create(StatusCodes.Status504GatewayTimeout, ProblemTypes.DownstreamTimedOut, "The upstream service did not answer in time.");

    public static ProblemHttpResult NotFound(string detail) =>
        Create(StatusCodes.Status404NotFound, ProblemTypes.NotFound, "Not found.", detail);

    /// <summary>Sets <c>Retry-After</c> on the response, then the 503 problem.</summary>
    public static ProblemHttpResult DatabaseUnavailable(HttpResponse response)
    {
        response.Headers.RetryAfter = DatabaseRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return DatabaseUnavailable();
    }

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
