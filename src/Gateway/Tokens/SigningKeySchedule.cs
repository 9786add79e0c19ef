namespace Gateway.Tokens;

/// <summary>
/// When each key of the ring signs and is published, derived from generations and activation times alone:
/// the signer is the newest generation already active; a key retires when a newer one activates and stays
/// published for an access token lifetime plus the downstreams' usual clock skew.
/// </summary>
internal static class SigningKeySchedule
{
    /// <summary>JwtBearer accepts tokens up to 5 minutes past <c>exp</c> by default.</summary>
    public static readonly TimeSpan DownstreamClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The keys that retire older ones: every key in use, and a revoked key only if it activated before it was revoked
    /// (it did sign then). A key revoked while pending never signed and retires nothing.
    /// </summary>
    public static IReadOnlyList<KeyTimes> ScheduleOf(IEnumerable<SigningKey> rows) =>
        rows.Where(row => row.RevokedAt is not { } revokedAt || row.ActivatesAt < revokedAt)
            .Select(row => new KeyTimes(row.Generation, row.ActivatesAt))
            .ToList();

    /// <summary>What <c>keys list</c> shows for a row.</summary>
    public static SigningKeyStatus StatusOf(SigningKey row, IReadOnlyList<KeyTimes> schedule, DateTimeOffset now, TimeSpan accessTokenLifetime) =>
        row.RevokedAt is not null
            ? SigningKeyStatus.Revoked
            : Status(new KeyTimes(row.Generation, row.ActivatesAt), schedule, now, accessTokenLifetime);

    public static int? SignerGeneration(IEnumerable<KeyTimes> ring, DateTimeOffset now) =>
        ring.Where(key => key.ActivatesAt <= now).Select(key => (int?)key.Generation).Max();

    public static SigningKeyStatus Status(KeyTimes key, IEnumerable<KeyTimes> ring, DateTimeOffset now, TimeSpan accessTokenLifetime)
    {
        if (key.ActivatesAt > now)
        {
            return SigningKeyStatus.Pending;
        }

        var retiredAt = ring
            .Where(other => other.Generation > key.Generation && other.ActivatesAt <= now)
            .Select(other => (DateTimeOffset?)other.ActivatesAt)
            .Min();

        if (retiredAt is null)
        {
            return SigningKeyStatus.Active;
        }

        return now < retiredAt.Value + accessTokenLifetime + DownstreamClockSkew ? SigningKeyStatus.Retired : SigningKeyStatus.Expired;
    }
}
