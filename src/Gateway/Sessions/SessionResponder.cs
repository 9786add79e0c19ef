using Gateway.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Sessions;

/// <summary>
/// Turns a <see cref="SessionResolution"/> into what the response carries, the same for <c>/auth/*</c> and the
/// proxy: new cookies after a refresh; 401 with the cookies cleared when the session is definitively over; 503 or
/// 429 with Retry-After, cookies kept, when it is only not decidable right now.
/// </summary>
internal sealed class SessionResponder(SessionCookies cookies)
{
    /// <summary>For the gateway's own endpoints: null when the session is usable (refreshed cookies are set now), else the problem.</summary>
    public ProblemHttpResult? Answer(HttpResponse response, SessionResolution session)
    {
        if (session.State == SessionState.Refreshed)
        {
            cookies.Write(response, session.Issued!);
        }

        return session.IsUsable ? null : Refuse(response, session);
    }

    /// <summary>
    /// For a proxied request: null when the session is usable, else the problem. Refreshed cookies are set when the
    /// downstream's answer starts, whatever it is (a 502 included): the browser's old refresh token is consumed, and
    /// only then can the downstream's own headers no longer replace them.
    /// </summary>
    public ProblemHttpResult? AnswerProxied(HttpResponse response, SessionResolution session)
    {
        if (session.State == SessionState.Refreshed)
        {
            var issued = session.Issued!;
            response.OnStarting(() =>
            {
                cookies.Write(response, issued);
                return Task.CompletedTask;
            });
        }

        return session.IsUsable ? null : Refuse(response, session);
    }

    private ProblemHttpResult Refuse(HttpResponse response, SessionResolution session)
    {
        switch (session.State)
        {
            case SessionState.Unavailable:
                return ProblemResults.DatabaseUnavailable(response);
            case SessionState.Throttled:
                return ProblemResults.RateLimited(response, session.RetryAfter ?? TimeSpan.FromMinutes(1));
            default:
                if (session.HadCookies)
                {
                    cookies.Clear(response);
                }

                return ProblemResults.Unauthenticated();
        }
    }
}
