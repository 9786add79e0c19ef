using System.Collections.Concurrent;
using Gateway.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Infrastructure;

/// <summary>A real Kestrel downstream on 127.0.0.1 that records what the gateway forwarded to it.</summary>
internal sealed class RecordingDownstream : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();
    private LoopbackServer _server = null!;

    private RecordingDownstream()
    {
    }

    public string Address => _server.Address;

    public IReadOnlyCollection<ReceivedRequest> Received => _received.ToArray();

    /// <summary>Status code the downstream answers; 200 unless a test changes it.</summary>
    public int StatusCode { get; set; } = StatusCodes.Status200OK;

    /// <summary>How long the downstream takes before answering (a slow service); no wait unless a test sets one.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>
    /// Whether the downstream reads the whole request body before answering, as an upload handler does (so a body the
    /// client breaks fails before the answer); off unless a test sets it.
    /// </summary>
    public bool ReadsBody { get; set; }

    /// <summary>Set-Cookie lines the downstream adds to its answer.</summary>
    public List<string> SetCookies { get; } = [];

    /// <summary>Other headers the downstream sets on its answer (Cache-Control, ...).</summary>
    public Dictionary<string, string> ResponseHeaders { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static async Task<RecordingDownstream> StartAsync()
    {
        var downstream = new RecordingDownstream();
        downstream._server = await LoopbackServer.StartAsync(app => app.Run(downstream.AnswerAsync));
        return downstream;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task AnswerAsync(HttpContext context)
    {
        _received.Enqueue(new ReceivedRequest(
            context.Request.Method,
            context.Request.Path + context.Request.QueryString,
            context.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
        if (ReadsBody)
        {
            try
            {
                await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            }
            catch (Exception failed) when (failed is IOException or OperationCanceledException or BadHttpRequestException)
            {
                // The gateway gave up on the request body: nobody is waiting for the answer.
                return;
            }
        }

        if (Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The gateway gave up on the request: nobody is waiting for the answer.
                return;
            }
        }

        context.Response.StatusCode = StatusCode;
        foreach (var cookie in SetCookies)
        {
            context.Response.Headers.Append("Set-Cookie", cookie);
        }

        foreach (var (name, value) in ResponseHeaders)
        {
            context.Response.Headers[name] = value;
        }

        await context.Response.WriteAsJsonAsync(new { ok = true });
    }
}

internal sealed record ReceivedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public string? BearerToken =>
        Header("Authorization") is { } value && value.StartsWith("Bearer ", StringComparison.Ordinal) ? value["Bearer ".Length..] : null;
}
