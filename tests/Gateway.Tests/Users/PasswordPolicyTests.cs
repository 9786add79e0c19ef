using Gateway.Users;

namespace Gateway.Tests.Users;

public sealed class PasswordPolicyTests
{
    // One code point outside the Basic Multilingual Plane: two UTF-16 chars.
    private const string Emoji = "\U0001F600";

    private readonly PasswordPolicy _policy = new(new CommonPasswords());

    [Fact]
    public void Check_SevenCharacters_IsRefusedAsTooShort()
    {
        var reason = _policy.Check("kq7#vzp", "alice");

        Assert.Contains("at least 8", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_PublishedDemoPassword_IsRefused()
    {
        var reason = _policy.Check("gateway-demo-2026", "alice");

        Assert.Contains("published", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_EightCharacters_IsAccepted()
    {
        var reason = _policy.Check("kq7#vzpm", "alice");

        Assert.Null(reason);
    }

    [Fact]
    public void Check_128Characters_IsAccepted()
    {
        var reason = _policy.Check(Repeat("mq7v", 32), "alice");

        Assert.Null(reason);
    }

    [Fact]
    public void Check_129Characters_IsRefusedAsTooLong()
    {
        var reason = _policy.Check(Repeat("mq7v", 32) + "x", "alice");

        Assert.Contains("at most 128", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SevenEmoji_IsRefusedAsTooShortThoughFourteenUtf16Chars()
    {
        var reason = _policy.Check(Repeat(Emoji, 7), "alice");

        Assert.Contains("at least 8", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_EightEmoji_IsAccepted()
    {
        var reason = _policy.Check(Repeat(Emoji, 8), "alice");

        Assert.Null(reason);
    }

    [Fact]
    public void Check_128Emoji_IsAcceptedThough256Utf16Chars()
    {
        var reason = _policy.Check(Repeat(Emoji, 128), "alice");

        Assert.Null(reason);
    }

    [Fact]
    public void Check_129Emoji_IsRefusedAsTooLong()
    {
        var reason = _policy.Check(Repeat(Emoji, 129), "alice");

        Assert.Contains("at most 128", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_CommonPassword_IsRefusedAsCommon()
    {
        var reason = _policy.Check("password123", "alice");

        Assert.Contains("too common", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PASSWORD123")]
    [InlineData("PassWord123")]
    [InlineData("CONTRASEÑA")]
    public void Check_CommonPasswordInAnotherCase_IsRefusedAsCommon(string password)
    {
        var reason = _policy.Check(password, "alice");

        Assert.Contains("too common", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_EqualToUserName_IsRefused()
    {
        var reason = _policy.Check("alice.smith", "alice.smith");

        Assert.Contains("user name", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_EqualToUserNameInAnotherCase_IsRefused()
    {
        var reason = _policy.Check("ALICE.Smith", "alice.smith");

        Assert.Contains("user name", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ContainsUserNameButLonger_IsAccepted()
    {
        var reason = _policy.Check("alice.smith rides bikes", "alice.smith");

        Assert.Null(reason);
    }

    [Theory]
    [InlineData("tab\there-ok")]
    [InlineData("new\nline-ok")]
    [InlineData("nul\0char-ok")]
    [InlineData("del\u007Fchar-ok")]
    [InlineData("c1\u0085control")]
    public void Check_ControlCharacter_IsRefused(string password)
    {
        var reason = _policy.Check(password, "alice");

        Assert.Contains("control characters", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_LongPassphraseWithSpaces_IsAccepted()
    {
        var reason = _policy.Check("correct horse battery staple on a windy tuesday", "alice");

        Assert.Null(reason);
    }

    [Fact]
    public void Check_NoUserNameGiven_StillRefusesCommonPassword()
    {
        var reason = _policy.Check("password123", userName: null);

        Assert.Contains("too common", reason, StringComparison.Ordinal);
    }

    private static string Repeat(string value, int count) => string.Concat(Enumerable.Repeat(value, count));
}
