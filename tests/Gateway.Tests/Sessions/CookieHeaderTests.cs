using Gateway.Sessions;
using Microsoft.Extensions.Primitives;

namespace Gateway.Tests.Sessions;

public sealed class CookieHeaderTests
{
    private const string Access = SessionCookieNames.SecureAccess;

    [Fact]
    public void TryGetValue_CookieAmongOthers_FindsItsValue()
    {
        var header = new StringValues("theme=dark; __Host-gw-access=abc123; lang=fr");

        var found = CookieHeader.TryGetValue(header, Access, out var value);

        Assert.True(found);
        Assert.Equal("abc123", value.ToString());
    }

    [Fact]
    public void TryGetValue_SpacesAroundNameAndValue_TrimsThem()
    {
        var header = new StringValues("theme=dark;   __Host-gw-access = abc123  ;lang=fr");

        CookieHeader.TryGetValue(header, Access, out var value);

        Assert.Equal("abc123", value.ToString());
    }

    [Fact]
    public void TryGetValue_QuotedValue_StripsTheQuotes()
    {
        var header = new StringValues("__Host-gw-access=\"abc123\"");

        CookieHeader.TryGetValue(header, Access, out var value);

        Assert.Equal("abc123", value.ToString());
    }

    [Fact]
    public void TryGetValue_ValueContainingEquals_KeepsTheWholeValue()
    {
        var header = new StringValues("__Host-gw-access=abc==");

        CookieHeader.TryGetValue(header, Access, out var value);

        Assert.Equal("abc==", value.ToString());
    }

    [Fact]
    public void TryGetValue_OnlyACookieWhoseNameStartsWithIt_IsNotFound()
    {
        var header = new StringValues("__Host-gw-access2=evil; theme=dark");

        var found = CookieHeader.TryGetValue(header, Access, out _);

        Assert.False(found);
    }

    [Fact]
    public void TryGetValue_OnlyACookieWhoseNameEndsWithIt_IsNotFound()
    {
        var header = new StringValues("x__Host-gw-access=evil");

        var found = CookieHeader.TryGetValue(header, Access, out _);

        Assert.False(found);
    }

    [Fact]
    public void TryGetValue_NameInAnotherCase_IsNotFound()
    {
        var header = new StringValues("__host-gw-access=abc123");

        var found = CookieHeader.TryGetValue(header, Access, out _);

        Assert.False(found);
    }

    [Fact]
    public void TryGetValue_CookieOnSecondHeaderLine_FindsIt()
    {
        var header = new StringValues(["theme=dark; lang=fr", "__Host-gw-access=abc123"]);

        CookieHeader.TryGetValue(header, Access, out var value);

        Assert.Equal("abc123", value.ToString());
    }

    [Fact]
    public void TryGetValue_NoCookieHeader_IsNotFound()
    {
        var found = CookieHeader.TryGetValue(StringValues.Empty, Access, out _);

        Assert.False(found);
    }

    [Fact]
    public void Without_GatewayCookiesAmongOthers_KeepsTheOthersInOrder()
    {
        var header = new StringValues("a=1; __Host-gw-access=x; b=2; gw-refresh=y; c=3");

        var kept = CookieHeader.Without(header, SessionCookieNames.IsGatewayCookie);

        Assert.Equal("a=1; b=2; c=3", kept);
    }

    [Fact]
    public void Without_OnlyGatewayCookies_IsNull()
    {
        var header = new StringValues("__Host-gw-access=x; __Host-gw-refresh=y");

        var kept = CookieHeader.Without(header, SessionCookieNames.IsGatewayCookie);

        Assert.Null(kept);
    }

    [Fact]
    public void Without_NoGatewayCookie_ReturnsTheSameStringInstance()
    {
        var original = "a=1; b=2";

        var kept = CookieHeader.Without(new StringValues(original), SessionCookieNames.IsGatewayCookie);

        Assert.Same(original, kept);
    }

    [Fact]
    public void Without_LookalikeName_KeepsIt()
    {
        var header = new StringValues("__Host-gw-access2=x; __Host-gw-access=y");

        var kept = CookieHeader.Without(header, SessionCookieNames.IsGatewayCookie);

        Assert.Equal("__Host-gw-access2=x", kept);
    }

    [Fact]
    public void Without_QuotedValueOfAnotherCookie_KeepsItVerbatim()
    {
        var header = new StringValues("prefs=\"a,b\"; __Host-gw-access=x");

        var kept = CookieHeader.Without(header, SessionCookieNames.IsGatewayCookie);

        Assert.Equal("prefs=\"a,b\"", kept);
    }

    [Fact]
    public void Without_EmptySegments_AreDropped()
    {
        var header = new StringValues("a=1;; __Host-gw-access=x; ;b=2;");

        var kept = CookieHeader.Without(header, SessionCookieNames.IsGatewayCookie);

        Assert.Equal("a=1; b=2", kept);
    }

    [Fact]
    public void Without_SeveralHeaderLines_JoinsTheKeptCookiesInOrder()
    {
        var header = new StringValues(["a=1; __Host-gw-access=x", "b=2", "__Host-gw-refresh=y; c=3"]);

        var kept = CookieHeader.Without(header, SessionCookieNames.IsGatewayCookie);

        Assert.Equal("a=1; b=2; c=3", kept);
    }

    [Fact]
    public void Without_SeveralHeaderLinesWithoutGatewayCookie_JoinsThemIntoOneLine()
    {
        var header = new StringValues(["a=1", "b=2"]);

        var kept = CookieHeader.Without(header, SessionCookieNames.IsGatewayCookie);

        Assert.Equal("a=1; b=2", kept);
    }

    [Fact]
    public void Without_SeveralHeaderLinesOfOnlyGatewayCookies_IsNull()
    {
        var header = new StringValues(["__Host-gw-access=x", "gw-refresh=y"]);

        var kept = CookieHeader.Without(header, SessionCookieNames.IsGatewayCookie);

        Assert.Null(kept);
    }
}
