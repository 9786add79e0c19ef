using Gateway.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Gateway.E2E.Infrastructure;

/// <summary>
/// A tiny Kestrel server on 127.0.0.1 that answers every request with the same body and counts the requests:
/// another site's page, or a downstream that records whether the gateway forwarded anything to it.
/// </summary>
internal sealed class LoopbackSite : IAsyncDisposable
{
    private LoopbackServer _server = null!;
    private int _requests;

    private LoopbackSite()
    {
    }

    /// <summary><c>http://127.0.0.1:port</c>: another site than <c>http://localhost:port</c> for a browser.</summary>
    public string Origin => _server.Address;

    public int Requests => Volatile.Read(ref _requests);

    public static async Task<LoopbackSite> StartAsync(string body, string contentType)
    {
        var site = new LoopbackSite();
        site._server = await LoopbackServer.StartAsync(app => app.Run(context =>
        {
            Interlocked.Increment(ref site._requests);
            context.Response.ContentType = contentType;
            return context.Response.WriteAsync(body);
        }));
        return site;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
