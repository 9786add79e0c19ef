using System.Net;
using System.Text;
using System.Text.Json;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Http;

/// <summary>
/// Hostile input to <c>/auth/*</c>: broken encodings, hidden characters, oversized fields, parser tricks. Each is a
/// 4xx problem, never a 500 and never a sign-in. Shape errors already covered: Sessions/Endpoints/LoginEndpointTests.
/// </summary>
public sealed class InputLimitTests
{
    // Each row is a byte sequence UTF-8 forbids, placed inside the password string.
    [Theory]
    [InlineData("80")] // a continuation byte with no lead byte
    [InlineData("C0AF")] // an overlong '/', the classic filter bypass
    [InlineData("E282")] // a three-byte sequence cut short
    [InlineData("EDA080")] // a UTF-16 surrogate encoded as UTF-8 (CESU-8)
    public async Task Login_InvalidUtf8InBody_Answers400Problem(string hex)
    {
        await using var gateway = new GatewayFactory();
        await gateway.CreateUserAsync("alice");
        using var browser = gateway.CreateBrowser();
        var body = Encoding.UTF8.GetBytes("{\"username\":\"alice\",\"password\":\"correct horse")
            .Concat(Convert.FromHexString(hex))
            .Concat(Encoding.UTF8.GetBytes("battery\"}"))
            .ToArray();

        var response = await browser.SendAsync(HttpMethod.Post, "/auth/login", null, request =>
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new("application/json");
        });

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "invalid-request");
    }

    // "alice\0" must not reach a lookup or a log line where it could be read as "alice".
    [Fact]
    public async Task Login_NullCharacterInUserName_Answers400Problem()
    {
        await using var gateway = new GatewayFactory();
        await gateway.CreateUserAsync("alice");
        using var browser = gateway.CreateBrowser();

        var response = await PostLoginJsonAsync(browser, "{\"username\":\"alice\\u0000\",\"password\":\"correct horse battery\"}");

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "invalid-request");
    }

    [Theory]
    [InlineData("\\u0000")] // truncates the password in C-string based hashing
    [InlineData("\\u001b[2J")] // a terminal escape for whoever reads the logs
    public async Task Login_ControlCharacterInPassword_Answers400Problem(string escaped)
    {
        await using var gateway = new GatewayFactory();
        await gateway.CreateUserAsync("alice");
        using var browser = gateway.CreateBrowser();

        var response = await PostLoginJsonAsync(browser, "{\"username\":\"alice\",\"password\":\"correct horse battery" + escaped + "\"}");

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "invalid-request");
    }

    // Valid JSON syntax, but no string: a lone surrogate cannot become UTF-8 for hashing.
    [Fact]
    public async Task Login_LoneSurrogateEscapeInPassword_Answers400NotServerError()
    {
        await using var gateway = new GatewayFactory();
        using var browser = gateway.CreateBrowser();

        var response = await PostLoginJsonAsync(browser, "{\"username\":\"alice\",\"password\":\"correct horse \\ud800 battery\"}");

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "invalid-request");
    }

    [Fact]
    public async Task Login_SixtyFiveCharacterUserName_Answers400Problem()
    {
        await using var gateway = new GatewayFactory();
        using var browser = gateway.CreateBrowser();

        var response = await browser.LoginAsync(new string('a', 65), GatewayFactory.Password);

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "invalid-request");
    }

    // Hashing is expensive: an overlong password is refused before it is hashed, and never truncated into a valid one.
    [Fact]
    public async Task Login_ThreeHundredCharacterPassword_Answers400Problem()
    {
        await using var gateway = new GatewayFactory();
        await gateway.CreateUserAsync("alice");
        using var browser = gateway.CreateBrowser();

        var response = await browser.LoginAsync("alice", GatewayFactory.Password + new string('x', 300 - GatewayFactory.Password.Length));

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "invalid-request");
    }

    // Nesting hides in a property the gateway does not even read; the parser must still stop at its depth limit.
    [Fact]
    public async Task Login_DeeplyNestedJson_Answers400Problem()
    {
        await using var gateway = new GatewayFactory();
        await gateway.CreateUserAsync("alice");
        using var browser = gateway.CreateBrowser();
        var nested = new string('[', 1_000) + new string(']', 1_000);

        var response = await PostLoginJsonAsync(browser, "{\"extra\":" + nested + ",\"username\":\"alice\",\"password\":\"correct horse battery\"}");

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "invalid-request");
    }

    // Two parsers that disagree on duplicates (first wins, last wins) let a body mean one user to a WAF or log and
    // another to the gateway (RFC 8259 section 4: names SHOULD be unique; behaviour otherwise is unpredictable).
    [Fact]
    public async Task Login_DuplicateUserNameProperty_Answers400Problem()
    {
        await using var gateway = new GatewayFactory();
        await gateway.CreateUserAsync("alice");
        await gateway.CreateUserAsync("bob");
        using var browser = gateway.CreateBrowser();

        var response = await PostLoginJsonAsync(browser, "{\"username\":\"alice\",\"username\":\"bob\",\"password\":\"correct horse battery\"}");

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "invalid-request");
    }

    // Without Content-Length the size cannot be refused up front: the limit must hold while reading.
    [Fact]
    public async Task Login_ChunkedBodyPastTheLimit_Answers413Problem()
    {
        await using var gateway = new GatewayFactory();
        using var browser = gateway.CreateBrowser();
        var huge = Encoding.UTF8.GetBytes("{\"username\":\"alice\",\"password\":\"" + new string('x', 100_000) + "\"}");

        var response = await browser.SendAsync(HttpMethod.Post, "/auth/login", null, request =>
        {
            request.Content = new UnknownLengthContent(huge);
            request.Content.Headers.ContentType = new("application/json");
        });

        await ProblemAssert.IsAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
    }

    // The session list shows the User-Agent to the user: it is stored cut to 256 characters, not as sent.
    [Fact]
    public async Task Login_HugeUserAgent_IsStoredCutTo256Characters()
    {
        await using var gateway = new GatewayFactory();
        await gateway.CreateUserAsync("alice");
        using var browser = gateway.CreateBrowser();
        browser.UserAgent = new string('U', 10_000);
        await browser.LoginAsync("alice", GatewayFactory.Password);

        var sessions = await (await browser.GetAsync("/auth/sessions")).ReadJsonAsync<JsonElement>();

        Assert.Equal(256, sessions[0].GetProperty("userAgent").GetString()!.Length);
    }

    // TestServer has no header limits; the Kestrel the gateway ships on refuses past 32 KB of headers.
    [Fact]
    public async Task AnyRequest_HeadersPastKestrelsLimit_Answers431OnKestrel()
    {
        await using var gateway = new GatewayFactory();
        gateway.UseKestrel(0);
        gateway.StartServer();
        using var browser = new BrowserClient(new HttpClient { BaseAddress = gateway.ClientOptions.BaseAddress });

        var response = await browser.GetAsync("/auth/session", request => request.Headers.TryAddWithoutValidation("X-Padding", new string('a', 64 * 1024)));

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Auth_UnknownEndpoint_Answers404ProblemWithoutTraceId()
    {
        await using var gateway = new GatewayFactory();
        using var browser = gateway.CreateBrowser();

        var response = await browser.GetAsync("/auth/admin");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False((await response.ReadJsonAsync<JsonElement>()).TryGetProperty("traceId", out _));
    }

    [Fact]
    public async Task Auth_WrongMethod_Answers405ProblemWithoutTraceId()
    {
        await using var gateway = new GatewayFactory();
        using var browser = gateway.CreateBrowser();

        var response = await browser.GetAsync("/auth/login");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False((await response.ReadJsonAsync<JsonElement>()).TryGetProperty("traceId", out _));
    }

    private static Task<HttpResponseMessage> PostLoginJsonAsync(BrowserClient browser, string json) =>
        browser.SendAsync(HttpMethod.Post, "/auth/login", null, request => request.Content = new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>A body whose length is not announced, as a chunked upload sends it.</summary>
    private sealed class UnknownLengthContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
