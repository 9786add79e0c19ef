namespace Gateway.Sessions.Refresh;

/// <summary>The refresh rules of the contract, as a pure function of what the database says and the time.</summary>
internal static class RefreshRules
{
    public static RefreshDecision Decide(RefreshTokenState state, DateTimeOffset now, TimeSpan gracePeriod)
    {
        if (state.SessionRevokedAt is not null)
        {
            return RefreshDecision.SessionRevoked;
        }

        if (now >= state.SessionExpiresAt)
        {
            return RefreshDecision.SessionExpired;
        }

        if (state.ConsumedAt is { } consumedAt)
        {
            // Only the immediate predecessor of the current token is excused, and only briefly.
            var excused = state.SuccessorIsCurrent && state.SuccessorCookies is not null && now - consumedAt <= gracePeriod;
            return excused ? RefreshDecision.UseSuccessor : RefreshDecision.Reuse;
        }

        return now >= state.ExpiresAt ? RefreshDecision.TokenExpired : RefreshDecision.Rotate;
    }
}
