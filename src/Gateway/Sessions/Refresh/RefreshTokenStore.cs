using Gateway.Sessions.Login;
using Gateway.Storage;
using Gateway.Users;
using Microsoft.Extensions.Options;

namespace Gateway.Sessions.Refresh;

/// <summary>
/// The refresh path's two statements, in plain ADO.NET because they run once per access token lifetime per
/// session and EF Core costs several times their price. The conditional update is the arbiter: whichever
/// presenter (thread, process or machine) consumes the token first wins; every other one updates nothing.
/// </summary>
internal sealed class RefreshTokenStore(GatewayDatabase database, DatabaseWriteGate writeGate, IOptions<AuthenticationOptions> authentication)
    : IAsyncDisposable
{
    private const string FindSql = """
        SELECT t."SessionId", t."ExpiresAt", t."ConsumedAt", t."SuccessorCookies",
               (n."Hash" IS NOT NULL AND n."ConsumedAt" IS NULL),
               s."UserId", u."Name", u."Roles", s."ExpiresAt", s."RevokedAt"
        FROM "RefreshTokens" t
        JOIN "Sessions" s ON s."Id" = t."SessionId"
        JOIN "Users" u ON u."Id" = s."UserId"
        LEFT JOIN "RefreshTokens" n ON n."Hash" = t."SuccessorHash"
        WHERE t."Hash" = @hash
        """;

    // OpenID Connect mode: the user is the OP's, with no local row; the name and roles came with the login and live on
    // the session. A statement of its own, so the local one above stays exactly as it is (and as fast).
    private const string FindSqlOidc = """
        SELECT t."SessionId", t."ExpiresAt", t."ConsumedAt", t."SuccessorCookies",
               (n."Hash" IS NOT NULL AND n."ConsumedAt" IS NULL),
               s."UserId", s."UserName", s."Roles", s."ExpiresAt", s."RevokedAt"
        FROM "RefreshTokens" t
        JOIN "Sessions" s ON s."Id" = t."SessionId"
        LEFT JOIN "RefreshTokens" n ON n."Hash" = t."SuccessorHash"
        WHERE t."Hash" = @hash
        """;

    // One transaction: consume only if unconsumed, unexpired and the session is live; then, only if that
    // consumed a row, insert the successor and touch the session. 3 rows changed = won, 0 = lost or ended.
    private const string RotateSqlite = """
        UPDATE "RefreshTokens" SET "ConsumedAt" = @now, "SuccessorHash" = @next, "SuccessorCookies" = @cookies
        WHERE "Hash" = @hash AND "ConsumedAt" IS NULL AND "ExpiresAt" > @now
          AND EXISTS (SELECT 1 FROM "Sessions" WHERE "Id" = @sid AND "RevokedAt" IS NULL AND "ExpiresAt" > @now);
        INSERT INTO "RefreshTokens" ("Hash", "SessionId", "CreatedAt", "ExpiresAt")
        SELECT @next, @sid, @now, @expires WHERE changes() = 1;
        UPDATE "Sessions" SET "LastSeenAt" = @now, "RefreshExpiresAt" = @expires, "Ip" = @ip, "UserAgent" = @agent
        WHERE "Id" = @sid AND changes() = 1;
        """;

    private readonly string _findSql = authentication.Value.IsOidc ? FindSqlOidc : FindSql;
    private RotationBatcher? _batcher;

    public Task<RefreshTokenState?> FindAsync(string hash, CancellationToken cancellationToken) =>
        database.RetryTransientAsync(ct => ReadStateAsync(hash, ct), cancellationToken);

    private async Task<RefreshTokenState?> ReadStateAsync(string hash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = database.CreateCommand(connection, _findSql);
        RotationParameters.Add(command, "hash", hash);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new RefreshTokenState(
            SessionId: reader.GetString(0),
            ExpiresAt: FromMilliseconds(reader.GetInt64(1)),
            ConsumedAt: reader.IsDBNull(2) ? null : FromMilliseconds(reader.GetInt64(2)),
            SuccessorCookies: reader.IsDBNull(3) ? null : reader.GetString(3),
            SuccessorIsCurrent: !reader.IsDBNull(4) && reader.GetBoolean(4),
            UserId: reader.GetString(5),
            UserName: reader.IsDBNull(6) ? reader.GetString(5) : reader.GetString(6),
            Roles: reader.IsDBNull(7) ? [] : RoleList.FromJson(reader.GetString(7)),
            SessionExpiresAt: FromMilliseconds(reader.GetInt64(8)),
            SessionRevokedAt: reader.IsDBNull(9) ? null : FromMilliseconds(reader.GetInt64(9)));
    }

    public Task<string?> FindSessionIdAsync(string hash, CancellationToken cancellationToken) =>
        database.RetryTransientAsync(async ct =>
        {
            await using var connection = await database.OpenConnectionAsync(ct);
            await using var command = database.CreateCommand(connection, """SELECT "SessionId" FROM "RefreshTokens" WHERE "Hash" = @hash""");
            RotationParameters.Add(command, "hash", hash);
            return await command.ExecuteScalarAsync(ct) as string;
        }, cancellationToken);

    /// <summary>
    /// True when this call consumed the presented token and linked the successor. On SQLite the rotation joins the
    /// group commit of this process's rotations (decision 0008). Safe to repeat after a transient failure: a
    /// rotation that committed but whose answer was lost changes nothing the second time, and the caller's next
    /// read finds its own successor (the grace rule).
    /// </summary>
    public Task<bool> TryRotateAsync(RotationWrite write, CancellationToken cancellationToken)
    {
        if (database.Provider == StorageProvider.Sqlite)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batcher = LazyInitializer.EnsureInitialized(ref _batcher, () => new RotationBatcher(database, writeGate, RotateSqlite));
            return batcher.RotateAsync(write);
        }

        return database.RetryTransientAsync(ct => RotateOnPostgresAsync(write, ct), cancellationToken);
    }

    // One statement, one round trip, no explicit transaction: see decision 0006.
    private async Task<bool> RotateOnPostgresAsync(RotationWrite write, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = database.CreateCommand(connection, RefreshTokenSql.RotatePostgres);
        RotationParameters.Bind(command, write);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public ValueTask DisposeAsync() => _batcher?.DisposeAsync() ?? ValueTask.CompletedTask;

    private static DateTimeOffset FromMilliseconds(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);
}
