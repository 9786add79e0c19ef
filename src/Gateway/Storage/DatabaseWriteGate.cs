namespace Gateway.Storage;

/// <summary>
/// Serializes this process's writes on SQLite. SQLite takes one writer at a time; in-process writers that
/// collide fall into the driver's busy retry and wait far longer than the write itself (seconds at 8 writers,
/// measured), while queueing them here keeps every write under a millisecond of waiting per writer ahead.
/// PostgreSQL handles concurrent writers itself, so the gate is open there.
/// </summary>
internal sealed class DatabaseWriteGate(bool serialize)
{
    private readonly SemaphoreSlim? _semaphore = serialize ? new SemaphoreSlim(1, 1) : null;

    public async ValueTask<Releaser> EnterAsync(CancellationToken cancellationToken)
    {
        if (_semaphore is not null)
        {
            await _semaphore.WaitAsync(cancellationToken);
        }

        return new Releaser(_semaphore);
    }

    public readonly struct Releaser(SemaphoreSlim? semaphore) : IDisposable
    {
        public void Dispose() => semaphore?.Release();
    }
}
