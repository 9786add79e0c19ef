using System.Threading.Channels;
using Gateway.Storage;

namespace Gateway.Sessions.Refresh;

/// <summary>
/// Group commit for rotations on SQLite. One loop takes every rotation queued since its last commit and writes
/// them in one transaction, under the write gate. Rotations queued behind a slow commit join the next one
/// instead of each waiting for the gate in turn, where every hand-over waited behind the thread pool's queue:
/// with 64 concurrent sessions that hand-over, not the database, was the rotation rate's limit.
/// Each rotation keeps its own conditional statements, so one batch can hold a winner and a loser of the same race.
/// </summary>
internal sealed class RotationBatcher : IAsyncDisposable
{
    // Enough to amortise a commit over a burst; small enough that one batch holds the gate for about a millisecond.
    private const int MaxBatch = 64;

    private readonly Channel<PendingRotation> _queue = Channel.CreateUnbounded<PendingRotation>(new UnboundedChannelOptions { SingleReader = true });
    private readonly GatewayDatabase _database;
    private readonly DatabaseWriteGate _writeGate;
    private readonly string _statement;
    private readonly Task _loop;

    public RotationBatcher(GatewayDatabase database, DatabaseWriteGate writeGate, string statement)
    {
        _database = database;
        _writeGate = writeGate;
        _statement = statement;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>True when this rotation consumed the presented token; a database failure fails every rotation of its batch.</summary>
    public Task<bool> RotateAsync(RotationWrite write)
    {
        var pending = new PendingRotation(write);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), this);
        return pending.Outcome.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingRotation>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                var won = await WriteAsync(batch);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Outcome.SetResult(won[i]);
                }
            }
            catch (Exception exception)
            {
                // Nothing of the batch was committed: every rotation in it reports the failure (a 503, cookies kept).
                foreach (var pending in batch)
                {
                    pending.Outcome.SetException(exception);
                }
            }
        }
    }

    private async Task<bool[]> WriteAsync(List<PendingRotation> batch)
    {
        var won = new bool[batch.Count];
        using var turn = await _writeGate.EnterAsync(CancellationToken.None);
        await using var connection = await _database.OpenConnectionAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = _database.CreateCommand(connection, _statement);
        command.Transaction = transaction;
        for (var i = 0; i < batch.Count; i++)
        {
            if (i > 0)
            {
                _database.CountCommand();
            }

            command.Parameters.Clear();
            RotationParameters.Bind(command, batch[i].Write);
            won[i] = await command.ExecuteNonQueryAsync() > 0;
        }

        await transaction.CommitAsync();
        return won;
    }

    private sealed class PendingRotation(RotationWrite write)
    {
        public RotationWrite Write { get; } = write;

        public TaskCompletionSource<bool> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
