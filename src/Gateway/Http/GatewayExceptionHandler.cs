using Gateway.Storage;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Gateway.Http;

/// <summary>
/// Turns what escaped a handler into a problem answer: a client's bad request keeps its 4xx, an unreachable
/// database is a 503 with Retry-After (nothing was changed), anything else a bare 500. No exception text
/// reaches the client outside Development.
/// </summary>
internal sealed class GatewayExceptionHandler(IProblemDetailsService problems, IHostEnvironment environment, ILogger<GatewayExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, type, title) = Classify(exception);
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            HttpLog.DatabaseUnavailable(logger, httpContext.Request.Path, exception);
            RetryAfter.Set(httpContext.Response, RetryAfter.Database);
        }
        else if (status >= StatusCodes.Status500InternalServerError)
        {
            HttpLog.UnhandledException(logger, httpContext.Request.Path, exception);
        }

        httpContext.Response.StatusCode = status;
        var details = new ProblemDetails { Status = status, Type = type, Title = title };
        if (environment.IsDevelopment() && status >= StatusCodes.Status500InternalServerError)
        {
            details.Detail = exception.Message;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception });
    }

    public static bool IsDatabaseFailure(Exception exception) => DatabaseFailures.IsUnavailable(exception);

    private static (int Status, string Type, string Title) Classify(Exception exception) => exception switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            (StatusCodes.Status413PayloadTooLarge, ProblemTypes.PayloadTooLarge, "The request body is too large."),
        BadHttpRequestException bad => (bad.StatusCode, ProblemTypes.InvalidRequest, "The request is malformed."),
        _ when IsDatabaseFailure(exception) =>
            (StatusCodes.Status503ServiceUnavailable, ProblemTypes.DatabaseUnavailable, "The session store is unavailable."),
        _ => (StatusCodes.Status500InternalServerError, ProblemTypes.ServerError, "An unexpected error occurred."),
    };
}
