using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Infrastructure;

/// <summary>A real Kestrel downstream on 127.0.0.1 that records what the gateway forwarded to it.</summary>
internal sealed class RecordingDownstream : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();

    private RecordingDownstream(WebApplication app) => _app = app;

    public string Address { get; private set; } = "";

    public IReadOnlyCollection<ReceivedRequest> Received => _received.ToArray();

    /// <summary>Status code the downstream answers; 200 unless a test changes it.</summary>
    public int StatusCode { get; set; } = StatusCodes.Status200OK;

    /// <summary>How long the downstream takes before answering (a slow service); no wait unless a test sets one.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Set-Cookie lines the downstream adds to its answer.</summary>
    public List<string> SetCookies { get; } = [];

    /// <summary>Other headers the downstream sets on its answer (Cache-Control, ...).</summary>
    public Dictionary<string, string> ResponseHeaders { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static async Task<RecordingDownstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var downstream = new RecordingDownstream(app);
        app.Run(async context =>
        {
            downstream._received.Enqueue(new ReceivedRequest(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            if (downstream.Delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(downstream.Delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    // The gateway gave up on the request: nobody is waiting for the answer.
                    return;
                }
            }

            context.Response.StatusCode = downstream.StatusCode;
            foreach (var cookie in downstream.SetCookies)
            {
                context.Response.Headers.Append("Set-Cookie", cookie);
            }

            foreach (var (name, value) in downstream.ResponseHeaders)
            {
                context.Response.Headers[name] = value;
            }

            await context.Response.WriteAsJsonAsync(new { ok = true });
        });
        await app.StartAsync();
        downstream.Address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return downstream;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal sealed record ReceivedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public string? BearerToken =>
        Header("Authorization") is { } value && value.StartsWith("Bearer ", StringComparison.Ordinal) ? value["Bearer ".Length..] : null;
}
