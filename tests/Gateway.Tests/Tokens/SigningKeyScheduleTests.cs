using Gateway.Tokens;

namespace Gateway.Tests.Tokens;

public sealed class SigningKeyScheduleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan PublicationDelay = TimeSpan.FromMinutes(10);

    // Written out rather than read from the class: JwtBearer's default ClockSkew is what downstreams really use.
    private static readonly TimeSpan JwtBearerClockSkew = TimeSpan.FromMinutes(5);

    [Fact]
    public void SignerGeneration_SingleActiveKey_IsThatKey()
    {
        KeyTimes[] ring = [new(1, T0)];

        var signer = SigningKeySchedule.SignerGeneration(ring, T0.AddHours(1));

        Assert.Equal(1, signer);
    }

    [Fact]
    public void SignerGeneration_NewerKeyStillPending_IsTheOlderKey()
    {
        var rotatedAt = T0.AddHours(1);
        KeyTimes[] ring = [new(1, T0), new(2, rotatedAt + PublicationDelay)];

        var signer = SigningKeySchedule.SignerGeneration(ring, rotatedAt + PublicationDelay - TimeSpan.FromTicks(1));

        Assert.Equal(1, signer);
    }

    [Fact]
    public void SignerGeneration_NewerKeyAtItsActivationInstant_IsTheNewerKey()
    {
        var activatesAt = T0.AddHours(1);
        KeyTimes[] ring = [new(1, T0), new(2, activatesAt)];

        var signer = SigningKeySchedule.SignerGeneration(ring, activatesAt);

        Assert.Equal(2, signer);
    }

    [Fact]
    public void SignerGeneration_RingListedOutOfOrder_IsNewestActiveGeneration()
    {
        KeyTimes[] ring = [new(3, T0.AddHours(2)), new(1, T0), new(2, T0.AddHours(1))];

        var signer = SigningKeySchedule.SignerGeneration(ring, T0.AddHours(3));

        Assert.Equal(3, signer);
    }

    [Fact]
    public void SignerGeneration_NoKeyActiveYet_IsNull()
    {
        KeyTimes[] ring = [new(1, T0)];

        var signer = SigningKeySchedule.SignerGeneration(ring, T0 - TimeSpan.FromTicks(1));

        Assert.Null(signer);
    }

    [Fact]
    public void SignerGeneration_EmptyRing_IsNull()
    {
        var signer = SigningKeySchedule.SignerGeneration([], T0);

        Assert.Null(signer);
    }

    [Fact]
    public void SignerGeneration_ImmediateRotationWhilePendingKeyWaits_NewestGenerationKeepsSigning()
    {
        // keys rotate at T0+1h (generation 2 waits for the delay), then keys rotate --now at T0+1h+1min.
        var rotatedAt = T0.AddHours(1);
        KeyTimes[] ring = [new(1, T0), new(2, rotatedAt + PublicationDelay), new(3, rotatedAt.AddMinutes(1))];

        var signer = SigningKeySchedule.SignerGeneration(ring, rotatedAt + PublicationDelay);

        Assert.Equal(3, signer);
    }

    [Fact]
    public void Status_KeyNotYetActive_IsPending()
    {
        var pending = new KeyTimes(2, T0.AddMinutes(10));
        KeyTimes[] ring = [new(1, T0), pending];

        var status = SigningKeySchedule.Status(pending, ring, T0.AddMinutes(1), AccessTokenLifetime);

        Assert.Equal(SigningKeyStatus.Pending, status);
    }

    [Fact]
    public void Status_OnlyKeyActive_IsActive()
    {
        var only = new KeyTimes(1, T0);

        var status = SigningKeySchedule.Status(only, [only], T0, AccessTokenLifetime);

        Assert.Equal(SigningKeyStatus.Active, status);
    }

    [Fact]
    public void Status_NewerKeyStillPending_CurrentKeyStaysActive()
    {
        var current = new KeyTimes(1, T0);
        KeyTimes[] ring = [current, new(2, T0.AddHours(1) + PublicationDelay)];

        var status = SigningKeySchedule.Status(current, ring, T0.AddHours(1), AccessTokenLifetime);

        Assert.Equal(SigningKeyStatus.Active, status);
    }

    [Fact]
    public void Status_NewerKeyActivated_OlderKeyIsRetired()
    {
        var old = new KeyTimes(1, T0);
        var activatesAt = T0.AddHours(1);
        KeyTimes[] ring = [old, new(2, activatesAt)];

        var status = SigningKeySchedule.Status(old, ring, activatesAt, AccessTokenLifetime);

        Assert.Equal(SigningKeyStatus.Retired, status);
    }

    [Fact]
    public void Status_RetiredKeyJustBeforeLifetimePlusSkew_IsStillRetired()
    {
        var old = new KeyTimes(1, T0);
        var retiredAt = T0.AddHours(1);
        KeyTimes[] ring = [old, new(2, retiredAt)];
        var lastPublishedInstant = retiredAt + AccessTokenLifetime + JwtBearerClockSkew - TimeSpan.FromTicks(1);

        var status = SigningKeySchedule.Status(old, ring, lastPublishedInstant, AccessTokenLifetime);

        Assert.Equal(SigningKeyStatus.Retired, status);
    }

    [Fact]
    public void Status_RetiredKeyAtLifetimePlusSkew_IsExpired()
    {
        var old = new KeyTimes(1, T0);
        var retiredAt = T0.AddHours(1);
        KeyTimes[] ring = [old, new(2, retiredAt)];

        var status = SigningKeySchedule.Status(old, ring, retiredAt + AccessTokenLifetime + JwtBearerClockSkew, AccessTokenLifetime);

        Assert.Equal(SigningKeyStatus.Expired, status);
    }

    [Fact]
    public void Status_LongerAccessTokenLifetime_KeepsRetiredKeyPublishedLonger()
    {
        var old = new KeyTimes(1, T0);
        var retiredAt = T0.AddHours(1);
        KeyTimes[] ring = [old, new(2, retiredAt)];

        var status = SigningKeySchedule.Status(old, ring, retiredAt + TimeSpan.FromMinutes(30), TimeSpan.FromHours(1));

        Assert.Equal(SigningKeyStatus.Retired, status);
    }

    [Fact]
    public void Status_KeyReplacedTwice_ExpiresCountingFromTheFirstReplacement()
    {
        var oldest = new KeyTimes(1, T0);
        var firstReplacement = T0.AddHours(1);
        KeyTimes[] ring = [oldest, new(2, firstReplacement), new(3, firstReplacement.AddMinutes(3))];

        var status = SigningKeySchedule.Status(oldest, ring, firstReplacement + AccessTokenLifetime + JwtBearerClockSkew, AccessTokenLifetime);

        Assert.Equal(SigningKeyStatus.Expired, status);
    }

    [Fact]
    public void Status_RotateNow_NewKeyIsActiveAtOnce()
    {
        var now = T0.AddHours(1);
        var rotated = new KeyTimes(2, now);
        KeyTimes[] ring = [new(1, T0), rotated];

        var status = SigningKeySchedule.Status(rotated, ring, now, AccessTokenLifetime);

        Assert.Equal(SigningKeyStatus.Active, status);
    }

    [Fact]
    public void Status_RotateNow_PreviousKeyRetiresAtOnce()
    {
        var now = T0.AddHours(1);
        var previous = new KeyTimes(1, T0);
        KeyTimes[] ring = [previous, new(2, now)];

        var status = SigningKeySchedule.Status(previous, ring, now, AccessTokenLifetime);

        Assert.Equal(SigningKeyStatus.Retired, status);
    }

    [Fact]
    public void Status_PendingKeyOvertakenByRotateNow_IsRetiredWhenItActivatesAndNeverSigns()
    {
        var rotatedAt = T0.AddHours(1);
        var overtaken = new KeyTimes(2, rotatedAt + PublicationDelay);
        KeyTimes[] ring = [new(1, T0), overtaken, new(3, rotatedAt.AddMinutes(1))];

        var status = SigningKeySchedule.Status(overtaken, ring, overtaken.ActivatesAt, AccessTokenLifetime);

        Assert.Equal(SigningKeyStatus.Retired, status);
    }

    // Revoked while pending, a key never signed: counting it would retire (and unpublish) the key that still signs.
    [Fact]
    public void ScheduleOf_KeyRevokedBeforeItActivated_RetiresNothing()
    {
        var rotatedAt = T0.AddHours(1);
        SigningKey[] rows = [Row(1, T0), Row(2, rotatedAt + PublicationDelay, revokedAt: rotatedAt.AddMinutes(1))];
        var now = rotatedAt + PublicationDelay + AccessTokenLifetime + JwtBearerClockSkew;

        var status = SigningKeySchedule.Status(new KeyTimes(1, T0), SigningKeySchedule.ScheduleOf(rows), now, AccessTokenLifetime);

        Assert.Equal(SigningKeyStatus.Active, status);
    }

    // Revoked after it signed, a key still retired the one before it from its activation on.
    [Fact]
    public void ScheduleOf_KeyRevokedAfterItActivated_StillRetiresTheKeyBefore()
    {
        var activatedAt = T0.AddHours(1);
        SigningKey[] rows = [Row(1, T0), Row(2, activatedAt, revokedAt: activatedAt.AddMinutes(1)), Row(3, activatedAt.AddMinutes(1))];

        var status = SigningKeySchedule.Status(new KeyTimes(1, T0), SigningKeySchedule.ScheduleOf(rows),
            activatedAt + AccessTokenLifetime + JwtBearerClockSkew, AccessTokenLifetime);

        Assert.Equal(SigningKeyStatus.Expired, status);
    }

    [Fact]
    public void StatusOf_RevokedKey_IsRevokedWhateverItsTimes()
    {
        var row = Row(1, T0, revokedAt: T0.AddMinutes(1));

        var status = SigningKeySchedule.StatusOf(row, SigningKeySchedule.ScheduleOf([row]), T0.AddMinutes(2), AccessTokenLifetime);

        Assert.Equal(SigningKeyStatus.Revoked, status);
    }

    private static SigningKey Row(int generation, DateTimeOffset activatesAt, DateTimeOffset? revokedAt = null) => new()
    {
        Kid = $"kid-{generation}",
        Generation = generation,
        Algorithm = SigningAlgorithms.RS256,
        PublicKey = "",
        ProtectedPrivateKey = "",
        ActivatesAt = activatesAt,
        RevokedAt = revokedAt,
    };
}
