using Gateway.Sessions.Refresh;

namespace Gateway.Tests.Sessions.Refresh;

public sealed class RefreshRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan OneTick = TimeSpan.FromTicks(1);

    private static readonly RefreshTokenState Unused = new(
        SessionId: "session-1",
        ExpiresAt: Now.AddDays(7),
        ConsumedAt: null,
        SuccessorCookies: null,
        SuccessorIsCurrent: false,
        UserId: "user-1",
        UserName: "alice",
        Roles: [],
        SessionExpiresAt: Now.AddDays(30),
        SessionRevokedAt: null);

    [Fact]
    public void Decide_UnusedTokenOfLiveSession_Rotates()
    {
        var decision = RefreshRules.Decide(Unused, Now, GracePeriod);

        Assert.Equal(RefreshDecision.Rotate, decision);
    }

    [Fact]
    public void Decide_PredecessorPresentedWithinGracePeriod_UsesSuccessor()
    {
        var decision = RefreshRules.Decide(RotatedAgo(TimeSpan.FromSeconds(5)), Now, GracePeriod);

        Assert.Equal(RefreshDecision.UseSuccessor, decision);
    }

    [Fact]
    public void Decide_PredecessorPresentedExactlyAtEndOfGracePeriod_UsesSuccessor()
    {
        var decision = RefreshRules.Decide(RotatedAgo(GracePeriod), Now, GracePeriod);

        Assert.Equal(RefreshDecision.UseSuccessor, decision);
    }

    [Fact]
    public void Decide_PredecessorPresentedJustAfterGracePeriod_IsReuse()
    {
        var decision = RefreshRules.Decide(RotatedAgo(GracePeriod + OneTick), Now, GracePeriod);

        Assert.Equal(RefreshDecision.Reuse, decision);
    }

    [Fact]
    public void Decide_ZeroGracePeriodAndPresentedLater_IsReuse()
    {
        var decision = RefreshRules.Decide(RotatedAgo(OneTick), Now, TimeSpan.Zero);

        Assert.Equal(RefreshDecision.Reuse, decision);
    }

    [Fact]
    public void Decide_OlderTokenWhoseSuccessorWasConsumedToo_IsReuseEvenWithinGracePeriod()
    {
        var older = RotatedAgo(TimeSpan.FromSeconds(5)) with { SuccessorIsCurrent = false };

        var decision = RefreshRules.Decide(older, Now, GracePeriod);

        Assert.Equal(RefreshDecision.Reuse, decision);
    }

    [Fact]
    public void Decide_ConsumedTokenWithoutStoredSuccessorCookies_IsReuseEvenWithinGracePeriod()
    {
        var withoutCookies = RotatedAgo(TimeSpan.FromSeconds(5)) with { SuccessorCookies = null };

        var decision = RefreshRules.Decide(withoutCookies, Now, GracePeriod);

        Assert.Equal(RefreshDecision.Reuse, decision);
    }

    [Fact]
    public void Decide_UnusedTokenJustBeforeItsExpiry_Rotates()
    {
        var token = Unused with { ExpiresAt = Now + OneTick };

        var decision = RefreshRules.Decide(token, Now, GracePeriod);

        Assert.Equal(RefreshDecision.Rotate, decision);
    }

    [Fact]
    public void Decide_UnusedTokenExactlyAtItsExpiry_IsTokenExpired()
    {
        var token = Unused with { ExpiresAt = Now };

        var decision = RefreshRules.Decide(token, Now, GracePeriod);

        Assert.Equal(RefreshDecision.TokenExpired, decision);
    }

    [Fact]
    public void Decide_UnusedTokenPastItsExpiry_IsTokenExpired()
    {
        var token = Unused with { ExpiresAt = Now.AddDays(-1) };

        var decision = RefreshRules.Decide(token, Now, GracePeriod);

        Assert.Equal(RefreshDecision.TokenExpired, decision);
    }

    [Theory]
    [InlineData("unused")]
    [InlineData("predecessor within grace period")]
    [InlineData("replayed after grace period")]
    [InlineData("token expired")]
    [InlineData("session expired")]
    public void Decide_RevokedSession_IsSessionRevokedWhateverTheToken(string token)
    {
        var revoked = Presented(token) with { SessionRevokedAt = Now.AddMinutes(-1) };

        var decision = RefreshRules.Decide(revoked, Now, GracePeriod);

        Assert.Equal(RefreshDecision.SessionRevoked, decision);
    }

    [Fact]
    public void Decide_SessionJustBeforeItsExpiry_Rotates()
    {
        var token = Unused with { SessionExpiresAt = Now + OneTick };

        var decision = RefreshRules.Decide(token, Now, GracePeriod);

        Assert.Equal(RefreshDecision.Rotate, decision);
    }

    [Fact]
    public void Decide_SessionExactlyAtItsExpiry_IsSessionExpired()
    {
        var token = Unused with { SessionExpiresAt = Now };

        var decision = RefreshRules.Decide(token, Now, GracePeriod);

        Assert.Equal(RefreshDecision.SessionExpired, decision);
    }

    [Theory]
    [InlineData("predecessor within grace period")]
    [InlineData("replayed after grace period")]
    [InlineData("token expired")]
    public void Decide_ExpiredSession_IsSessionExpiredWhateverTheToken(string token)
    {
        var expired = Presented(token) with { SessionExpiresAt = Now.AddMinutes(-1) };

        var decision = RefreshRules.Decide(expired, Now, GracePeriod);

        Assert.Equal(RefreshDecision.SessionExpired, decision);
    }

    private static RefreshTokenState RotatedAgo(TimeSpan ago) =>
        Unused with { ConsumedAt = Now - ago, SuccessorCookies = "successor-cookies", SuccessorIsCurrent = true };

    private static RefreshTokenState Presented(string token) => token switch
    {
        "unused" => Unused,
        "predecessor within grace period" => RotatedAgo(TimeSpan.FromSeconds(5)),
        "replayed after grace period" => RotatedAgo(TimeSpan.FromHours(1)),
        "token expired" => Unused with { ExpiresAt = Now.AddDays(-1) },
        "session expired" => Unused with { SessionExpiresAt = Now.AddDays(-1) },
        _ => throw new ArgumentOutOfRangeException(nameof(token), token, "Unknown token kind."),
    };
}
