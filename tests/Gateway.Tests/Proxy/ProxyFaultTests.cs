using System.Net;
using Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Gateway.Tests.Proxy;

/// <summary>
/// Whose fault a failed proxied request is decides its answer: a body the client breaks is its 400, a fault in the
/// gateway's own code a 500, and only the downstream's failures are 502/504. A client's fault costs no log line an
/// operator would see: an anonymous client must not be able to flood the logs with stack traces.
/// </summary>
public sealed class ProxyFaultTests : IAsyncLifetime
{
    private readonly FakeLogCollector _logs = new();
    private RecordingDownstream _downstream = null!;

    public async Task InitializeAsync()
    {
        _downstream = await RecordingDownstream.StartAsync();
        _downstream.ReadsBody = true;
    }

    public async Task DisposeAsync() => await _downstream.DisposeAsync();

    [Theory]
    [InlineData("invalid chunk size", "5\r\nhello\r\nZZ\r\nworld\r\n0\r\n\r\n")]
    [InlineData("chunk longer than announced", "5\r\nhello\r\n3\r\nworld-and-more\r\n0\r\n\r\n")]
    public async Task AnonymousRoute_ChunkedBodyBrokenMidway_Answers400ProblemAndLogsNoWarning(string broken, string body)
    {
        await using var gateway = OnKestrel();

        var response = await RawHttp.SendAsync(gateway.ClientOptions.BaseAddress,
            "POST /public/upload HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n" + body);

        Assert.True(response.Status == StatusCodes.Status400BadRequest, $"{broken}: {response.Status} {response.Body}");
        Assert.Equal("application/problem+json", response.Header("Content-Type"));
        Assert.Contains("urn:gateway:problem:invalid-request", response.Body, StringComparison.Ordinal);
        Assert.Empty(WarningsOrWorse());
    }

    [Fact]
    public async Task ProtectedRoute_ChunkedBodyBrokenMidway_Answers400Problem()
    {
        await using var gateway = OnKestrel();
        var cookies = await SignInAsync(gateway);

        var response = await RawHttp.SendAsync(gateway.ClientOptions.BaseAddress,
            $"POST /api/upload HTTP/1.1\r\nHost: localhost\r\nX-CSRF: 1\r\nCookie: {cookies}\r\nContent-Type: text/plain\r\n" +
            "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nZZ\r\n");

        Assert.Equal(StatusCodes.Status400BadRequest, response.Status);
        Assert.Contains("urn:gateway:problem:invalid-request", response.Body, StringComparison.Ordinal);
        Assert.Empty(WarningsOrWorse());
    }

    // Request smuggling's classic form (RFC 9112 section 6.1): the two framings must never both be believed.
    [Fact]
    public async Task AnyRoute_ContentLengthAndTransferEncoding_Answers400AndForwardsNothing()
    {
        await using var gateway = OnKestrel();

        var response = await RawHttp.SendAsync(gateway.ClientOptions.BaseAddress,
            "POST /public/upload HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n" +
            "5\r\nhello\r\n0\r\n\r\n");

        Assert.Equal(StatusCodes.Status400BadRequest, response.Status);
        Assert.Empty(_downstream.Received);
    }

    [Fact]
    public async Task ProtectedRoute_ExceptionInGatewayCodeBeforeForwarding_Answers500ProblemAndForwardsNothing()
    {
        await using var gateway = new GatewayFactory(_downstream)
        {
            TestServices = services => services.AddSingleton<ITransformProvider>(new ThrowingTransformProvider(onRequest: true)),
        };
        using var browser = await gateway.SignedInBrowserAsync();

        var response = await browser.GetAsync("/api/orders");

        await ProblemAssert.IsAsync(response, HttpStatusCode.InternalServerError, "server-error");
        Assert.Empty(_downstream.Received);
    }

    [Fact]
    public async Task ProtectedRoute_ExceptionInGatewayCodeOnTheDownstreamsAnswer_Answers500Problem()
    {
        await using var gateway = new GatewayFactory(_downstream)
        {
            TestServices = services => services.AddSingleton<ITransformProvider>(new ThrowingTransformProvider(onRequest: false)),
        };
        using var browser = await gateway.SignedInBrowserAsync();

        var response = await browser.GetAsync("/api/orders");

        await ProblemAssert.IsAsync(response, HttpStatusCode.InternalServerError, "server-error");
    }

    private GatewayFactory OnKestrel()
    {
        var gateway = new GatewayFactory(_downstream)
        {
            TestServices = services => services.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(_logs)),
        };
        gateway.UseKestrel(0);
        gateway.StartServer();
        return gateway;
    }

    private static async Task<string> SignInAsync(GatewayFactory gateway)
    {
        await gateway.CreateUserAsync("alice");
        using var browser = new BrowserClient(new HttpClient { BaseAddress = gateway.ClientOptions.BaseAddress });
        (await browser.LoginAsync("alice", GatewayFactory.Password)).EnsureSuccessStatusCode();
        return string.Join("; ", browser.Cookies.Select(cookie => $"{cookie.Key}={cookie.Value}"));
    }

    private List<string> WarningsOrWorse() =>
        _logs.GetSnapshot().Where(record => record.Level >= LogLevel.Warning || record.Exception is not null)
            .Select(record => $"{record.Category} {record.Level}: {record.Message} {record.Exception?.GetType().Name}")
            .ToList();

    /// <summary>Stands for a bug anywhere in the gateway's proxy path: a transform that throws, on the request or on the answer.</summary>
    private sealed class ThrowingTransformProvider(bool onRequest) : ITransformProvider
    {
        public void ValidateRoute(TransformRouteValidationContext context)
        {
        }

        public void ValidateCluster(TransformClusterValidationContext context)
        {
        }

        public void Apply(TransformBuilderContext context)
        {
            if (onRequest)
            {
                context.AddRequestTransform(_ => throw new InvalidOperationException("a bug in the gateway"));
            }
            else
            {
                context.AddResponseTransform(_ => throw new InvalidOperationException("a bug in the gateway"));
            }
        }
    }
}
