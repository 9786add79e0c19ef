using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Threading.Channels;
using Gateway.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// A real Kestrel downstream on 127.0.0.1 that records what the gateway forwarded to it, and answers
/// <c>{"ok":true}</c> with a Content-Length (without one under a path ending in <c>/chunked</c>). A WebSocket request is
/// accepted and echoed; a path ending in <c>/events</c> answers a server-sent event stream that stays open until the
/// other side goes away. Both report when they end (<see cref="StreamEndedAsync"/>).
/// </summary>
internal sealed class RecordingDownstream : IAsyncDisposable
{
    // Long enough for any test, short enough that a forgotten stream does not hold the server's shutdown.
    private static readonly TimeSpan LongestStream = TimeSpan.FromMinutes(2);

    private readonly ConcurrentQueue<ReceivedRequest> _received = new();
    private readonly Channel<string> _streamsEnded = Channel.CreateUnbounded<string>();
    private LoopbackServer _server = null!;
    private int _openStreams;

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

    /// <summary>WebSockets and event streams the downstream holds open now.</summary>
    public int OpenStreams => Volatile.Read(ref _openStreams);

    public static async Task<RecordingDownstream> StartAsync()
    {
        var downstream = new RecordingDownstream();
        downstream._server = await LoopbackServer.StartAsync(app =>
        {
            app.UseWebSockets();
            app.Run(downstream.AnswerAsync);
        });
        return downstream;
    }

    /// <summary>
    /// Waits (at most <paramref name="within"/>) until a WebSocket or event stream the downstream held has ended, its
    /// connection closed by the other side; the path it was opened on, or null.
    /// </summary>
    public async Task<string?> StreamEndedAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            return await _streamsEnded.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task AnswerAsync(HttpContext context)
    {
        _received.Enqueue(new ReceivedRequest(
            context.Request.Method,
            context.Request.Path + context.Request.QueryString,
            context.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
        if (context.WebSockets.IsWebSocketRequest || context.Request.Path.Value?.EndsWith("/events", StringComparison.Ordinal) == true)
        {
            await StreamAsync(context);
            return;
        }

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

        // With a Content-Length, as a fixed answer; a path ending in /chunked answers without one, as a streamed answer.
        var body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new { ok = true });
        context.Response.ContentType = "application/json";
        if (context.Request.Path.Value?.EndsWith("/chunked", StringComparison.Ordinal) != true)
        {
            context.Response.ContentLength = body.Length;
        }

        await context.Response.Body.WriteAsync(body);
    }

    private async Task StreamAsync(HttpContext context)
    {
        Interlocked.Increment(ref _openStreams);
        try
        {
            using var held = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            held.CancelAfter(LongestStream);
            if (context.WebSockets.IsWebSocketRequest)
            {
                await EchoAsync(await context.WebSockets.AcceptWebSocketAsync(), held.Token);
            }
            else
            {
                context.Response.ContentType = "text/event-stream";
                await context.Response.WriteAsync("data: hello\n\n", held.Token);
                await context.Response.Body.FlushAsync(held.Token);
                await Task.Delay(Timeout.Infinite, held.Token);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or IOException)
        {
            // The other side went away: what the tests wait for.
        }
        finally
        {
            Interlocked.Decrement(ref _openStreams);
            _streamsEnded.Writer.TryWrite(context.Request.Path.Value ?? "");
        }
    }

    private static async Task EchoAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        using (socket)
        {
            var buffer = new byte[4096];
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, cancellationToken);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);
                    return;
                }

                await socket.SendAsync(buffer.AsMemory(0, received.Count), received.MessageType, received.EndOfMessage, cancellationToken);
            }
        }
    }
}

internal sealed record ReceivedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public string? BearerToken =>
        Header("Authorization") is { } value && value.StartsWith("Bearer ", StringComparison.Ordinal) ? value["Bearer ".Length..] : null;
}
