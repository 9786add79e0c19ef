namespace Gateway.Sessions.Refresh;

/// <summary>
/// The refresh path's PostgreSQL statements, beside <see cref="RefreshTokenStore"/>'s SQLite ones. The read is
/// plain SQL both providers run as it is; the rotation uses what PostgreSQL does best (decision 0006).
/// </summary>
internal static class RefreshTokenSql
{
    // One statement, one round trip, atomic without an explicit transaction. The consuming UPDATE is the arbiter
    // under READ COMMITTED: a concurrent presenter blocks on the row lock, then PostgreSQL re-checks
    // "ConsumedAt" IS NULL on the committed row, finds it set and updates nothing, so "consumed" is empty,
    // nothing is inserted and the session is not touched. 1 row changed = won, 0 = lost or ended.
    public const string RotatePostgres = """
        WITH consumed AS (
            UPDATE "RefreshTokens" SET "ConsumedAt" = @now, "SuccessorHash" = @next, "SuccessorCookies" = @cookies
            WHERE "Hash" = @hash AND "ConsumedAt" IS NULL AND "ExpiresAt" > @now
              AND EXISTS (SELECT 1 FROM "Sessions" WHERE "Id" = @sid AND "RevokedAt" IS NULL AND "ExpiresAt" > @now)
            RETURNING "SessionId"
        ), successor AS (
            INSERT INTO "RefreshTokens" ("Hash", "SessionId", "CreatedAt", "ExpiresAt")
            SELECT @next, "SessionId", @now, @expires FROM consumed
            RETURNING "SessionId"
        )
        UPDATE "Sessions" SET "LastSeenAt" = @now, "RefreshExpiresAt" = @expires, "Ip" = @ip, "UserAgent" = @agent
        WHERE "Id" IN (SELECT "SessionId" FROM successor)
        """;
}
