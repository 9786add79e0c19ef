using System.Net;
using System.Text;
using System.Text.Json;
using Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Http;

/// <summary>
/// Error answers tell the client what to do, never how the gateway is built: problem+json with a stable type,
/// and outside Development no exception type, message, stack trace, trace id or database detail.
/// </summary>
public sealed class SafeErrorTests
{
    private const string SecretInMessage = "Password=hunter2;Data Source=/srv/gateway/secret.db";

    [Fact]
    public async Task UnhandledException_OutsideDevelopment_Answers500ProblemWithoutInternals()
    {
        await using var gateway = new GatewayFactory { TestServices = ThrowingEndpoint.Register };
        using var browser = gateway.CreateBrowser();

        var response = await browser.GetAsync(ThrowingEndpoint.Path);

        var body = await response.Content.ReadAsStringAsync();
        await ProblemAssert.IsAsync(response, HttpStatusCode.InternalServerError, "server-error");
        AssertNoInternals(body);
        Assert.DoesNotContain("hunter2", body, StringComparison.Ordinal);
    }

    // The other side of the rule: a developer gets the message, so the test above really checks the environment.
    [Fact]
    public async Task UnhandledException_InDevelopment_Answers500ProblemWithTheMessage()
    {
        await using var gateway = new GatewayFactory { TestServices = ThrowingEndpoint.Register, Environment = "Development" };
        using var browser = gateway.CreateBrowser();

        var response = await browser.GetAsync(ThrowingEndpoint.Path);

        var body = await ProblemAssert.IsAsync(response, HttpStatusCode.InternalServerError, "server-error");
        Assert.Contains("hunter2", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DatabaseFailure_OutsideDevelopment_Answers503WithoutDatabaseDetails()
    {
        await using var gateway = new GatewayFactory();
        await gateway.CreateUserAsync("alice");
        using var browser = gateway.CreateBrowser();

        HttpResponseMessage response;
        using (DatabaseOutage.Begin(gateway.DatabasePath))
        {
            response = await browser.LoginAsync("alice", GatewayFactory.Password);
        }

        var body = await response.Content.ReadAsStringAsync();
        await ProblemAssert.IsAsync(response, HttpStatusCode.ServiceUnavailable, "database-unavailable");
        AssertNoInternals(body);
        Assert.DoesNotContain(Path.GetFileName(gateway.DatabasePath), body, StringComparison.Ordinal);
        Assert.DoesNotContain("sqlite", body, StringComparison.OrdinalIgnoreCase);
    }

    // One row per kind of refusal the gateway itself writes.
    [Theory]
    [InlineData("proxy-without-session", HttpStatusCode.Unauthorized, "unauthenticated")]
    [InlineData("missing-csrf-header", HttpStatusCode.Forbidden, "csrf")]
    [InlineData("malformed-json", HttpStatusCode.BadRequest, "invalid-request")]
    [InlineData("form-body", HttpStatusCode.UnsupportedMediaType, "unsupported-media-type")]
    [InlineData("wrong-password", HttpStatusCode.Unauthorized, "invalid-credentials")]
    [InlineData("weak-new-password", HttpStatusCode.BadRequest, "weak-password")]
    [InlineData("someone-elses-session", HttpStatusCode.NotFound, "not-found")]
    public async Task GatewayRefusal_AnyKind_IsProblemJsonWithStableTypeAndNoInternals(string refusal, HttpStatusCode status, string type)
    {
        var downstream = await RecordingDownstream.StartAsync();
        await using var _ = downstream;
        await using var gateway = new GatewayFactory(downstream);
        using var browser = await gateway.SignedInBrowserAsync();

        var response = await ProvokeAsync(gateway, browser, refusal);

        var body = await response.Content.ReadAsStringAsync();
        await ProblemAssert.IsAsync(response, status, type);
        AssertNoInternals(body);
    }

    private static async Task<HttpResponseMessage> ProvokeAsync(GatewayFactory gateway, BrowserClient browser, string refusal)
    {
        switch (refusal)
        {
            case "proxy-without-session":
                return await gateway.CreateBrowser().GetAsync("/api/orders");
            case "missing-csrf-header":
                browser.SendCsrfHeader = false;
                return await browser.GetAsync("/auth/session");
            case "malformed-json":
                return await browser.SendAsync(HttpMethod.Post, "/auth/login", null,
                    request => request.Content = new StringContent("{\"username\":", Encoding.UTF8, "application/json"));
            case "form-body":
                return await browser.SendAsync(HttpMethod.Post, "/auth/login", null,
                    request => request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "alice" }));
            case "wrong-password":
                return await gateway.CreateBrowser().LoginAsync("alice", "guess guess guess");
            case "weak-new-password":
                return await browser.PostAsync("/auth/password", new { currentPassword = GatewayFactory.Password, newPassword = "short" });
            case "someone-elses-session":
                return await browser.DeleteAsync("/auth/sessions/AAAAAAAAAAAAAAAAAAAAAA");
            default:
                throw new ArgumentOutOfRangeException(nameof(refusal), refusal, null);
        }
    }

    private static void AssertNoInternals(string body)
    {
        using var json = JsonDocument.Parse(body);
        Assert.False(json.RootElement.TryGetProperty("traceId", out _), body);
        Assert.False(json.RootElement.TryGetProperty("exception", out _), body);
        Assert.False(json.RootElement.TryGetProperty("errors", out _), body);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain(".cs:line", body, StringComparison.Ordinal);
    }

    /// <summary>
    /// A path nothing else answers, added after the gateway's own pipeline (so inside its exception handler), whose
    /// handler fails like a bug would, with a secret in the message.
    /// </summary>
    private sealed class ThrowingEndpoint : IStartupFilter
    {
        // A file name: unknown paths without an extension get the browser app's index.html before reaching this.
        public const string Path = "/test-only/throws.json";

        public static void Register(IServiceCollection services) => services.AddSingleton<IStartupFilter, ThrowingEndpoint>();

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Run(context => context.Request.Path == Path
                ? throw new InvalidOperationException("Connection failed: " + SecretInMessage)
                : Task.CompletedTask);
        };
    }
}
