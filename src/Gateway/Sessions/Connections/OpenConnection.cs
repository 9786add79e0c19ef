namespace Gateway.Sessions.Connections;

/// <summary>
/// One registered request. Ends with its request (the response disposes it), at which point it can no longer abort
/// anything: Kestrel reuses an <see cref="HttpContext"/> for the connection's next request.
/// </summary>
internal sealed class OpenConnection(HttpContext context, string sessionId, DateTimeOffset sessionExpiresAt, OpenConnections owner) : IDisposable
{
    private readonly Lock _gate = new();
    private bool _ended;

    public string SessionId { get; } = sessionId;

    public DateTimeOffset SessionExpiresAt { get; } = sessionExpiresAt;

    /// <summary>
    /// Aborts the client's connection; YARP sees the request aborted and drops the downstream's. False when the
    /// request had already ended.
    /// </summary>
    public bool Abort()
    {
        lock (_gate)
        {
            if (_ended)
            {
                return false;
            }

            _ended = true;
            context.Abort();
            return true;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _ended = true;
        }

        owner.Unregister(this);
    }
}
