using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.E2E.Infrastructure;

/// <summary>
/// A tiny Kestrel server on 127.0.0.1 that answers every request with the same body and counts the requests:
/// another site's page, or a downstream that records whether the gateway forwarded anything to it.
/// </summary>
internal sealed class LoopbackSite : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;

    private LoopbackSite(WebApplication app) => _app = app;

    /// <summary><c>http://127.0.0.1:port</c>: another site than <c>http://localhost:port</c> for a browser.</summary>
    public string Origin { get; private set; } = "";

    public int Requests => Volatile.Read(ref _requests);

    public static async Task<LoopbackSite> StartAsync(string body, string contentType)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var site = new LoopbackSite(app);
        app.Run(context =>
        {
            Interlocked.Increment(ref site._requests);
            context.Response.ContentType = contentType;
            return context.Response.WriteAsync(body);
        });
        await app.StartAsync();
        site.Origin = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return site;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
