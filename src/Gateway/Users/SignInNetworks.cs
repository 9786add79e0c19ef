using Gateway.Storage;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Users;

/// <summary>The networks each user signed in from lately: where their failed sign-ins are counted apart from strangers'.</summary>
internal sealed class SignInNetworks(GatewayDbContext db, DatabaseWriteGate writeGate, TimeProvider time)
{
    /// <summary>How long after a successful sign-in its network stays familiar.</summary>
    public static readonly TimeSpan FamiliarFor = TimeSpan.FromDays(30);

    /// <summary>Marks <paramref name="network"/> familiar for the user from now on; concurrent sign-ins from it agree.</summary>
    public async Task RecordAsync(string userId, string network, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        using (await writeGate.EnterAsync(cancellationToken))
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "SignInNetworks" ("UserId", "Network", "LastSucceededAt") VALUES ({userId}, {network}, {now})
                ON CONFLICT ("UserId", "Network") DO UPDATE SET "LastSucceededAt" = excluded."LastSucceededAt"
                """, cancellationToken);
        }
    }
}
