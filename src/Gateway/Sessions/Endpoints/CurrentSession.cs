using Gateway.Sessions.HotPath;
using Gateway.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Gateway.Sessions.Endpoints;

/// <summary>
/// For <c>/auth/*</c> endpoints that act on the caller's session: resolves it (refreshing if needed), writes or
/// clears cookies accordingly, and gives either the live ticket or the problem to answer.
/// </summary>
internal sealed class CurrentSession(SessionResolver resolver, SessionCookies cookies, IOptions<TokenOptions> options)
{
    public async Task<(AccessTicket? Ticket, ProblemHttpResult? Problem)> RequireAsync(HttpContext context)
    {
        var session = await resolver.ResolveAsync(context, options.Value.Audience);
        switch (session.State)
        {
            case SessionState.Live:
                return (session.Access!.Ticket, null);
            case SessionState.Refreshed:
                cookies.Write(context.Response, session.Issued!);
                return (session.Access!.Ticket, null);
            default:
                return (null, SessionProblems.For(session, context.Response, cookies));
        }
    }
}
