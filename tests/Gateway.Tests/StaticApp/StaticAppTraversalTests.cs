using Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.StaticApp;

/// <summary>
/// Paths that try to climb out of the app folder, decoded the way the server decodes a request path (every escape
/// but <c>%2F</c>) and not normalized, the worst a request can bring: none of them reads a file outside it.
/// Kestrel also removes dot segments first; the E2E suite sends the same paths to the real server.
/// </summary>
public sealed class StaticAppTraversalTests
{
    [Theory]
    [InlineData("/../secret.json")]
    [InlineData("/..%2fsecret.json")]
    [InlineData("/..%2Fsecret.json")]
    [InlineData("/%2e%2e/secret.json")]
    [InlineData("/%2e%2e%2fsecret.json")]
    [InlineData("/..%5csecret.json")]
    [InlineData("/assets/..%2f..%2fsecret.json")]
    [InlineData("/%252e%252e%252fsecret.json")]
    public async Task EncodedTraversal_OutOfACustomFolder_Answers404(string path)
    {
        using var app = new AppFolder(("index.html", "<h1>my app</h1>"), ("assets/main.js", "console.log('mine');"));
        await using var gateway = new GatewayFactory(settings: app.Settings);

        var response = await SendRawAsync(gateway, path);

        Assert.Equal(StatusCodes.Status404NotFound, response.StatusCode);
        Assert.DoesNotContain(AppFolder.SecretText, await new StreamReader(response.Body).ReadToEndAsync(), StringComparison.Ordinal);
    }

    // The demo's folder sits in the gateway's own build output, beside its binaries.
    [Theory]
    [InlineData("/..%2fGateway.dll")]
    [InlineData("/%2e%2e/Gateway.dll")]
    [InlineData("/..%2f..%2fappsettings.json")]
    public async Task EncodedTraversal_OutOfTheDemoFolder_Answers404(string path)
    {
        await using var gateway = new GatewayFactory();

        var response = await SendRawAsync(gateway, path);

        Assert.Equal(StatusCodes.Status404NotFound, response.StatusCode);
    }

    // The same way of sending reaches files that are inside: the 404s above are the guard's, not the helper's.
    [Fact]
    public async Task EncodedPath_InsideACustomFolder_IsServed()
    {
        using var app = new AppFolder(("index.html", "<h1>my app</h1>"), ("assets/main.js", "console.log('mine');"));
        await using var gateway = new GatewayFactory(settings: app.Settings);

        var response = await SendRawAsync(gateway, "/assets/%6dain.js");

        Assert.Equal(StatusCodes.Status200OK, response.StatusCode);
    }

    [Fact]
    public async Task DotFile_InTheAppFolder_IsNotServed()
    {
        using var app = new AppFolder(("index.html", "<h1>my app</h1>"), (".env", "API_KEY=secret-outside-the-app-folder"));
        await using var gateway = new GatewayFactory(settings: app.Settings);

        var response = await SendRawAsync(gateway, "/.env");

        Assert.Equal(StatusCodes.Status404NotFound, response.StatusCode);
    }

    private static async Task<HttpResponse> SendRawAsync(GatewayFactory gateway, string rawPath)
    {
        var context = await gateway.Server.SendAsync(request =>
        {
            request.Request.Method = HttpMethods.Get;
            request.Request.Path = PathString.FromUriComponent(rawPath);
        });
        return context.Response;
    }
}
