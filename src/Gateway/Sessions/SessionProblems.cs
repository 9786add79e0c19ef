using Gateway.Http;
using Gateway.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Sessions;

/// <summary>
/// The answer for a request without a usable session, the same for <c>/auth/*</c> and the proxy: 401 with the
/// cookies cleared when the session is definitively over; 503 or 429 with Retry-After, cookies kept, when
/// it is only not decidable right now.
/// </summary>
internal static class SessionProblems
{
    public static ProblemHttpResult For(SessionResolution session, HttpResponse response, SessionCookies cookies)
    {
        switch (session.State)
        {
            case SessionState.Unavailable:
                return ProblemResults.DatabaseUnavailable(response);
            case SessionState.Throttled:
                LoginRateLimits.SetRetryAfter(response, session.RetryAfter ?? TimeSpan.FromMinutes(1));
                return ProblemResults.RateLimited();
            default:
                if (session.HadCookies)
                {
                    cookies.Clear(response);
                }

                return ProblemResults.Unauthenticated();
        }
    }
}
