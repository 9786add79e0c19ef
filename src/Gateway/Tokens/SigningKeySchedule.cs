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
