using Gateway.Csrf;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Csrf;

public sealed class RequestOriginTests
{
    [Theory]
    [InlineData("https://example.com", "https://example.com")]
    [InlineData("http://localhost:5000", "http://localhost:5000")]
    [InlineData("http://[::1]:5000", "http://[::1]:5000")]
    public void Normalize_PlainOrigin_IsKeptAsIs(string origin, string expected)
    {
        var normalized = RequestOrigin.Normalize(origin);

        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("HTTPS://Example.COM", "https://example.com")]
    [InlineData("Http://LOCALHOST:5000", "http://localhost:5000")]
    public void Normalize_UpperCaseSchemeOrHost_IsLowerCased(string origin, string expected)
    {
        var normalized = RequestOrigin.Normalize(origin);

        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("https://example.com:443", "https://example.com")]
    [InlineData("http://example.com:80", "http://example.com")]
    public void Normalize_DefaultPortOfTheScheme_IsDropped(string origin, string expected)
    {
        var normalized = RequestOrigin.Normalize(origin);

        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("https://example.com:80", "https://example.com:80")]
    [InlineData("http://example.com:443", "http://example.com:443")]
    [InlineData("http://example.com:8080", "http://example.com:8080")]
    public void Normalize_OtherPort_IsKept(string origin, string expected)
    {
        var normalized = RequestOrigin.Normalize(origin);

        Assert.Equal(expected, normalized);
    }

    [Fact]
    public void Normalize_TrailingSlashOnly_IsDropped()
    {
        var normalized = RequestOrigin.Normalize("https://example.com/");

        Assert.Equal("https://example.com", normalized);
    }

    // RFC 6454 section 6.2: the serialization a browser sends in Origin carries the IDNA (punycode) host.
    [Fact]
    public void Normalize_InternationalizedHost_IsItsAsciiSerialization()
    {
        var normalized = RequestOrigin.Normalize("https://bücher.example");

        Assert.Equal("https://xn--bcher-kva.example", normalized);
    }

    [Theory]
    [InlineData("https://example.com/app")]
    [InlineData("https://example.com/app/")]
    [InlineData("https://example.com?a=1")]
    [InlineData("https://example.com/#top")]
    public void Normalize_PathQueryOrFragment_IsRefused(string origin)
    {
        var normalized = RequestOrigin.Normalize(origin);

        Assert.Null(normalized);
    }

    [Theory]
    [InlineData("https://user@example.com")]
    [InlineData("https://user:secret@example.com")]
    public void Normalize_UserInfo_IsRefused(string origin)
    {
        var normalized = RequestOrigin.Normalize(origin);

        Assert.Null(normalized);
    }

    [Theory]
    [InlineData("ftp://example.com")]
    [InlineData("ws://example.com")]
    [InlineData("wss://example.com")]
    [InlineData("file:///etc/passwd")]
    [InlineData("javascript:alert(1)")]
    [InlineData("chrome-extension://abcdefghijklmnop")]
    public void Normalize_NonHttpScheme_IsRefused(string origin)
    {
        var normalized = RequestOrigin.Normalize(origin);

        Assert.Null(normalized);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("example.com")]
    [InlineData("/relative")]
    public void Normalize_OpaqueOrRelativeOrigin_IsRefused(string? origin)
    {
        var normalized = RequestOrigin.Normalize(origin);

        Assert.Null(normalized);
    }

    [Fact]
    public void OfRequest_HttpsRequestOnDefaultPort_IsItsNormalizedOrigin()
    {
        var request = new DefaultHttpContext().Request;
        request.Scheme = "https";
        request.Host = new HostString("Gateway.Example:443");

        var origin = RequestOrigin.OfRequest(request);

        Assert.Equal("https://gateway.example", origin);
    }

    [Fact]
    public void OfRequest_NoHostHeader_IsNull()
    {
        var request = new DefaultHttpContext().Request;
        request.Scheme = "https";

        var origin = RequestOrigin.OfRequest(request);

        Assert.Null(origin);
    }
}
