namespace Gateway.RateLimiting;

/// <summary>
/// The statements of the database's login budgets (decision 0010). A unit is a row; the insert that spends one
/// counts the live rows in the same statement. On SQLite a statement runs alone (one writer, and this process's
/// write gate in front). On PostgreSQL, instances spend concurrently: a transaction-scoped advisory lock on the
/// budget, taken by the first statement of the same batch (one round trip, one implicit transaction), makes them
/// take turns, and the insert, a statement of its own, counts with a snapshot taken after the lock was granted.
/// </summary>
internal static class LoginBudgetSql
{
    public const string Spend = """
        INSERT INTO "LoginAttempts" ("Key", "ExpiresAt")
        SELECT @key, @expires
        WHERE NOT EXISTS (SELECT 1 FROM "LoginLocks" WHERE "Key" = @key AND "Until" > @now)
          AND (SELECT COUNT(*) FROM "LoginAttempts" WHERE "Key" = @key AND "ExpiresAt" > @now) < @limit
        RETURNING "Id"
        """;

    // Any constant of our own; the two-key advisory locks do not overlap the one-key start-up lock (Storage/DatabaseStartupLock).
    public const string SpendPostgres = """
        SELECT pg_advisory_xact_lock(1282367332, hashtext(@key));
        """ + Spend;

    /// <summary>When the budget opens again: its lock's end, else the end of its oldest live unit.</summary>
    public const string OpensAt = """
        SELECT COALESCE(
            (SELECT MAX("Until") FROM "LoginLocks" WHERE "Key" = @key AND "Until" > @now),
            (SELECT MIN("ExpiresAt") FROM "LoginAttempts" WHERE "Key" = @key AND "ExpiresAt" > @now))
        """;

    public const string Refund = """DELETE FROM "LoginAttempts" WHERE "Id" = @id""";

    // The count's snapshot may miss a unit being spent this instant, never one spent before this failure's own: the
    // failure that fills the budget always sees it full. Of two failures locking at once, the second finds the
    // first's lock live and changes nothing (no row returned).
    public const string Lock = """
        INSERT INTO "LoginLocks" ("Key", "Until")
        SELECT @key, @until
        WHERE (SELECT COUNT(*) FROM "LoginAttempts" WHERE "Key" = @key AND "ExpiresAt" > @now) >= @limit
        ON CONFLICT ("Key") DO UPDATE SET "Until" = excluded."Until" WHERE "LoginLocks"."Until" <= @now
        RETURNING "Key"
        """;
}
