using Gateway.Sessions.HotPath;
using Gateway.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Gateway.Sessions.Endpoints;

/// <summary>
/// For <c>/auth/*</c> endpoints that act on the caller's session: resolves it (refreshing if needed), answers it
/// through the <see cref="SessionResponder"/>, and gives either the live ticket or the problem to answer.
/// </summary>
internal sealed class CurrentSession(SessionResolver resolver, SessionResponder responder, IOptions<TokenOptions> options)
{
    public async Task<(AccessTicket? Ticket, ProblemHttpResult? Problem)> RequireAsync(HttpContext context)
    {
        var session = await resolver.ResolveAsync(context, options.Value.Audience);
        var problem = responder.Answer(context.Response, session);
        return problem is null ? (session.Access!.Ticket, null) : (null, problem);
    }
}
