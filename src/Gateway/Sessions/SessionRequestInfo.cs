using Gateway.Forwarding;

namespace Gateway.Sessions;

/// <summary>Where a request comes from (the client IP the forwarded headers resolved), as recorded on a session and in audit rows.</summary>
internal sealed record SessionRequestInfo(string? Ip, string? UserAgent)
{
    public const int MaxUserAgentLength = 256;

    public static SessionRequestInfo From(HttpContext context)
    {
        var userAgent = context.Request.Headers.UserAgent.ToString();
        if (userAgent.Length > MaxUserAgentLength)
        {
            userAgent = userAgent[..MaxUserAgentLength];
        }

        return new SessionRequestInfo(
            ClientNetwork.ClientIp(context)?.ToString(),
            userAgent.Length == 0 ? null : userAgent);
    }
}
