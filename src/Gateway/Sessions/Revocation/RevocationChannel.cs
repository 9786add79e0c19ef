using System.Globalization;
using System.Text;
using Gateway.Storage;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Sessions.Revocation;

/// <summary>
/// The PostgreSQL channel that carries revocations to every instance: the revoker sends <c>pg_notify</c> inside the
/// transaction that revokes, so the server delivers it exactly when (and only if) the revocation commits, to every
/// listening instance. Payload: the revocation time in Unix milliseconds, then the session ids, separated by spaces.
/// </summary>
internal static class RevocationChannel
{
    public const string Name = "gateway_revocations";

    // PostgreSQL refuses payloads of 8000 bytes or more; session ids are short ASCII (base64url).
    private const int MaxPayloadBytes = 7000;

    public static async Task NotifyAsync(GatewayDbContext db, GatewayDatabase database, IReadOnlyList<string> sessionIds,
        DateTimeOffset revokedAt, CancellationToken cancellationToken)
    {
        if (database.Provider != StorageProvider.Postgres || sessionIds.Count == 0)
        {
            return;
        }

        foreach (var payload in Payloads(sessionIds, revokedAt))
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify({Name}, {payload})", cancellationToken);
        }
    }

    public static IEnumerable<string> Payloads(IReadOnlyList<string> sessionIds, DateTimeOffset revokedAt)
    {
        var prefix = revokedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var payload = new StringBuilder(prefix);
        foreach (var sessionId in sessionIds)
        {
            if (payload.Length + 1 + sessionId.Length > MaxPayloadBytes)
            {
                yield return payload.ToString();
                payload.Clear().Append(prefix);
            }

            payload.Append(' ').Append(sessionId);
        }

        yield return payload.ToString();
    }

    /// <summary>The revocations a payload names; none when it is not one of ours.</summary>
    public static (DateTimeOffset RevokedAt, string[] SessionIds) Parse(string payload)
    {
        var parts = payload.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            || milliseconds > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            return (default, []);
        }

        return (DateTimeOffset.FromUnixTimeMilliseconds(milliseconds), parts[1..]);
    }
}
