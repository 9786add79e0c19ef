using Gateway.Sessions;
using Yarp.ReverseProxy.Transforms;

namespace Gateway.Proxy;

/// <summary>A downstream must not be able to overwrite or delete the gateway's cookies: such Set-Cookie lines are dropped.</summary>
internal sealed class DownstreamCookieTransform : ResponseTransform
{
    public static DownstreamCookieTransform Instance { get; } = new();

    public override ValueTask ApplyAsync(ResponseTransformContext context)
    {
        var headers = context.HttpContext.Response.Headers;
        var setCookie = headers.SetCookie;
        if (setCookie.Count == 0)
        {
            return ValueTask.CompletedTask;
        }

        var kept = setCookie.Where(line => !IsGatewayCookie(line)).ToArray();
        if (kept.Length != setCookie.Count)
        {
            headers.SetCookie = kept;
        }

        return ValueTask.CompletedTask;
    }

    private static bool IsGatewayCookie(string? line)
    {
        if (line is null)
        {
            return false;
        }

        var equals = line.IndexOf('=', StringComparison.Ordinal);
        var name = (equals < 0 ? line.AsSpan() : line.AsSpan(0, equals)).Trim();
        return SessionCookieNames.IsGatewayCookie(name);
    }
}
