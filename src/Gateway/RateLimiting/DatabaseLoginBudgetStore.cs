using System.Data.Common;
using Gateway.Storage;

namespace Gateway.RateLimiting;

/// <summary>
/// Login budgets in the gateway's database: the lockout on every provider (it outlives a restart), and every
/// login limit on PostgreSQL, where all instances share them. A database fault surfaces as the exception it is:
/// the login answers 503 having checked no password and counted nothing (decision 0010).
/// </summary>
internal sealed class DatabaseLoginBudgetStore(GatewayDatabase database, DatabaseWriteGate writeGate, TimeProvider time) : ILoginBudgetStore
{
    public Task<BudgetSpend> TrySpendAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken) =>
        database.RetryTransientAsync(async ct =>
        {
            var now = time.GetUtcNow();
            var sql = database.Provider == StorageProvider.Postgres ? LoginBudgetSql.SpendPostgres : LoginBudgetSql.Spend;
            long? id;
            await using (var connection = await database.OpenConnectionAsync(ct))
            using (await writeGate.EnterAsync(ct))
            {
                await using var command = Command(connection, sql, key, now);
                Add(command, "expires", (now + window).ToUnixTimeMilliseconds());
                Add(command, "limit", limit);
                id = await ReadIdAsync(command, ct);
            }

            return id is { } taken ? BudgetSpend.Taken(key, taken) : BudgetSpend.Refused(key, await OpensAtAsync(key, now, ct) - now);
        }, cancellationToken);

    public Task RefundAsync(BudgetSpend spend, CancellationToken cancellationToken) =>
        spend.Id is not { } id
            ? Task.CompletedTask
            : database.RetryTransientAsync(async ct =>
            {
                await using var connection = await database.OpenConnectionAsync(ct);
                using (await writeGate.EnterAsync(ct))
                {
                    await using var command = database.CreateCommand(connection, LoginBudgetSql.Refund);
                    Add(command, "id", id);
                    return await command.ExecuteNonQueryAsync(ct);
                }
            }, cancellationToken);

    public Task<bool> LockIfSpentAsync(string key, int limit, TimeSpan duration, CancellationToken cancellationToken) =>
        database.RetryTransientAsync(async ct =>
        {
            var now = time.GetUtcNow();
            await using var connection = await database.OpenConnectionAsync(ct);
            using (await writeGate.EnterAsync(ct))
            {
                await using var command = Command(connection, LoginBudgetSql.Lock, key, now);
                Add(command, "until", (now + duration).ToUnixTimeMilliseconds());
                Add(command, "limit", limit);
                return await command.ExecuteScalarAsync(ct) is not null;
            }
        }, cancellationToken);

    private async Task<DateTimeOffset> OpensAtAsync(string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, LoginBudgetSql.OpensAt, key, now);
        return await command.ExecuteScalarAsync(cancellationToken) is long opensAt
            ? DateTimeOffset.FromUnixTimeMilliseconds(opensAt)
            : now;
    }

    // The PostgreSQL batch answers the advisory lock's row first; the insert's RETURNING comes after it.
    private static async Task<long?> ReadIdAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        do
        {
            if (reader.FieldCount == 1 && reader.GetName(0) == "Id")
            {
                return await reader.ReadAsync(cancellationToken) ? reader.GetInt64(0) : null;
            }
        }
        while (await reader.NextResultAsync(cancellationToken));

        return null;
    }

    private DbCommand Command(DbConnection connection, string sql, string key, DateTimeOffset now)
    {
        var command = database.CreateCommand(connection, sql);
        Add(command, "key", key);
        Add(command, "now", now.ToUnixTimeMilliseconds());
        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
