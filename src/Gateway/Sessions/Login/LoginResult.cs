using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Sessions.Login;

/// <summary>A started session, or the problem to answer instead.</summary>
internal sealed record LoginResult(IssuedSession? Session, ProblemHttpResult? Problem, TimeSpan? RetryAfter = null);
