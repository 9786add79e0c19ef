using Gateway.Users;

namespace Gateway.Tests.Users;

public sealed class UserNameRulesTests
{
    [Theory]
    [InlineData("alice")]
    [InlineData("Alice.Smith")]
    [InlineData("bob_2")]
    [InlineData("carol-d")]
    [InlineData("dave@example.com")]
    [InlineData("7")]
    public void IsValid_AsciiLettersDigitsAndAllowedPunctuation_IsTrue(string name)
    {
        var valid = UserNameRules.IsValid(name);

        Assert.True(valid);
    }

    [Fact]
    public void IsValid_SixtyFourCharacters_IsTrue()
    {
        var valid = UserNameRules.IsValid(new string('a', 64));

        Assert.True(valid);
    }

    [Fact]
    public void IsValid_SixtyFiveCharacters_IsFalse()
    {
        var valid = UserNameRules.IsValid(new string('a', 65));

        Assert.False(valid);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void IsValid_Missing_IsFalse(string? name)
    {
        var valid = UserNameRules.IsValid(name);

        Assert.False(valid);
    }

    [Theory]
    [InlineData("alice smith")]
    [InlineData(" alice")]
    [InlineData("alice\t")]
    [InlineData("alice\u00A0smith")]
    public void IsValid_Whitespace_IsFalse(string name)
    {
        var valid = UserNameRules.IsValid(name);

        Assert.False(valid);
    }

    [Theory]
    [InlineData("alice\0")]
    [InlineData("alice\n")]
    [InlineData("alice\u200Bsmith")]
    public void IsValid_ControlOrInvisibleCharacter_IsFalse(string name)
    {
        var valid = UserNameRules.IsValid(name);

        Assert.False(valid);
    }

    [Theory]
    [InlineData("alice/bob")]
    [InlineData("alice:bob")]
    [InlineData("alice+tag")]
    [InlineData("alice;bob")]
    [InlineData("alice'")]
    public void IsValid_OtherAsciiPunctuation_IsFalse(string name)
    {
        var valid = UserNameRules.IsValid(name);

        Assert.False(valid);
    }

    // Cyrillic a, fullwidth a, one dot leader, fullwidth @: each looks like ASCII on screen.
    [Theory]
    [InlineData("josé")]
    [InlineData("\u0430lice")]
    [InlineData("\uFF41lice")]
    [InlineData("alice\u2024smith")]
    [InlineData("alice\uFF20example.com")]
    public void IsValid_NonAsciiLetterOrLookalikeSeparator_IsFalse(string name)
    {
        var valid = UserNameRules.IsValid(name);

        Assert.False(valid);
    }
}
