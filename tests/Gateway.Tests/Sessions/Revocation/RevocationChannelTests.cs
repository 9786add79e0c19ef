using System.Text;
using Gateway.Sessions.Revocation;

namespace Gateway.Tests.Sessions.Revocation;

public sealed class RevocationChannelTests
{
    private static readonly DateTimeOffset RevokedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_760_000_000_123);

    [Fact]
    public void Payloads_ParsedBack_NameEverySessionAndTheTime()
    {
        var payload = Assert.Single(RevocationChannel.Payloads(["a-1", "b_2"], RevokedAt));

        var (revokedAt, sessionIds) = RevocationChannel.Parse(payload);

        Assert.Equal(RevokedAt, revokedAt);
        Assert.Equal(["a-1", "b_2"], sessionIds);
    }

    // PostgreSQL refuses a NOTIFY payload of 8000 bytes or more: a password change ending 1000 sessions is split.
    [Fact]
    public void Payloads_ThousandSessions_SplitUnderThePostgresLimitAndLoseNone()
    {
        var ids = Enumerable.Range(0, 1000).Select(i => $"{i:D22}").ToList();

        var payloads = RevocationChannel.Payloads(ids, RevokedAt).ToList();

        Assert.True(payloads.Count > 1);
        Assert.All(payloads, payload => Assert.True(Encoding.UTF8.GetByteCount(payload) < 8000));
        Assert.Equal(ids, payloads.SelectMany(payload => RevocationChannel.Parse(payload).SessionIds));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1760000000123")]
    [InlineData("not-a-time s1")]
    [InlineData("-5 s1")]
    [InlineData("99999999999999999999 s1")]
    public void Parse_NotOneOfOurs_NamesNoSession(string payload)
    {
        Assert.Empty(RevocationChannel.Parse(payload).SessionIds);
    }
}
