using Gateway.Sessions.Revocation;

namespace Gateway.Tests.Sessions.Revocation;

public sealed class RevocationWatermarkTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan GapTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void PollAfter_JustStarted_IsHighestSeqInDatabase()
    {
        var watermark = new RevocationWatermark(GapTimeout);

        watermark.Start(42);

        Assert.Equal(42, watermark.PollAfter);
    }

    [Fact]
    public void Observe_ConsecutiveSequences_AdvancesToHighest()
    {
        var watermark = Started(10);

        watermark.Observe(11, T0);
        watermark.Observe(12, T0);

        Assert.Equal(12, watermark.PollAfter);
    }

    [Fact]
    public void Observe_SeqAlreadySeen_DoesNotMoveWatermarkBack()
    {
        var watermark = Started(10);
        watermark.Observe(11, T0);
        watermark.Observe(12, T0);

        watermark.Observe(11, T0);

        Assert.Equal(12, watermark.PollAfter);
    }

    [Fact]
    public void Observe_SeqSkippingOne_PollsAgainFromTheHole()
    {
        var watermark = Started(10);

        watermark.Observe(11, T0);
        watermark.Observe(13, T0);

        Assert.Equal(11, watermark.PollAfter);
    }

    [Fact]
    public void Observe_FirstSeqAfterStartSkipsSome_PollsAgainFromTheFirstHole()
    {
        var watermark = Started(10);

        watermark.Observe(14, T0);

        Assert.Equal(10, watermark.PollAfter);
    }

    [Fact]
    public void Observe_HoleStillOpenWhenRePolled_KeepsPollingFromTheHole()
    {
        var watermark = Started(10);
        watermark.Observe(11, T0);
        watermark.Observe(13, T0);

        watermark.Observe(13, T0.AddSeconds(1));

        Assert.Equal(11, watermark.PollAfter);
    }

    [Fact]
    public void Observe_HoleFilledLater_AdvancesToHighest()
    {
        var watermark = Started(10);
        watermark.Observe(11, T0);
        watermark.Observe(13, T0);

        watermark.Observe(12, T0.AddSeconds(1));

        Assert.Equal(13, watermark.PollAfter);
    }

    [Fact]
    public void Observe_UpperOfTwoHolesFilled_KeepsPollingFromTheLowerHole()
    {
        var watermark = Started(10);
        watermark.Observe(13, T0);

        watermark.Observe(12, T0.AddSeconds(1));

        Assert.Equal(10, watermark.PollAfter);
    }

    [Fact]
    public void Observe_HugeJump_TracksOnlyTheLastThousandHoles()
    {
        var watermark = Started(0);

        watermark.Observe(5000, T0);

        Assert.Equal(3999, watermark.PollAfter);
    }

    [Fact]
    public void ExpireGaps_BeforeTimeout_KeepsTheHole()
    {
        var watermark = Started(10);
        watermark.Observe(12, T0);

        watermark.ExpireGaps(T0 + GapTimeout - TimeSpan.FromTicks(1));

        Assert.Equal(10, watermark.PollAfter);
    }

    [Fact]
    public void ExpireGaps_AtTimeout_GivesTheHoleUpAsRolledBack()
    {
        var watermark = Started(10);
        watermark.Observe(12, T0);

        watermark.ExpireGaps(T0 + GapTimeout);

        Assert.Equal(12, watermark.PollAfter);
    }

    [Fact]
    public void ExpireGaps_HolesSeenAtDifferentTimes_ExpireEachOnItsOwnClock()
    {
        var watermark = Started(10);
        watermark.Observe(12, T0);
        watermark.Observe(15, T0.AddSeconds(20));

        watermark.ExpireGaps(T0 + GapTimeout);

        Assert.Equal(12, watermark.PollAfter);
    }

    [Fact]
    public void Observe_HoleRePolledAfterItsClockStarted_DoesNotRestartItsTimeout()
    {
        var watermark = Started(10);
        watermark.Observe(12, T0);
        watermark.Observe(12, T0.AddSeconds(20));

        watermark.ExpireGaps(T0 + GapTimeout);

        Assert.Equal(12, watermark.PollAfter);
    }

    private static RevocationWatermark Started(long highest)
    {
        var watermark = new RevocationWatermark(GapTimeout);
        watermark.Start(highest);
        return watermark;
    }
}
