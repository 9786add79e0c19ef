using System.Net;
using Gateway.StaticApp;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.StaticApp;

/// <summary>The browser app the gateway serves: the demo or a configured folder, its headers, client-side routes, 404s.</summary>
public sealed class StaticAppServingTests
{
    [Fact]
    public async Task Root_DefaultSettings_ServesTheDemoWithStrictHeaders()
    {
        await using var gateway = new GatewayFactory();
        using var client = gateway.CreateClient();

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<script type=\"module\" src=\"/app.js\">", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(StaticAppOptions.DefaultContentSecurityPolicy, policy);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Theory]
    [InlineData("/app.js", "text/javascript")]
    [InlineData("/app.css", "text/css")]
    public async Task DemoAsset_Requested_ServedWithItsTypeAndThePolicy(string path, string mediaType)
    {
        await using var gateway = new GatewayFactory();
        using var client = gateway.CreateClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(StaticAppOptions.DefaultContentSecurityPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task ClientSideRoute_PathWithoutExtension_ServesIndexHtml()
    {
        using var app = new AppFolder(("index.html", "<h1>my app</h1>"));
        await using var gateway = new GatewayFactory(settings: app.Settings);
        using var client = gateway.CreateClient();
        using var navigation = new HttpRequestMessage(HttpMethod.Get, "/orders/42");
        navigation.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        var response = await client.SendAsync(navigation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("<h1>my app</h1>", await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
    }

    // A route that is missing (a typo, a config reload that was refused) must not answer a JSON client 200 with the app's page.
    [Theory]
    [InlineData("*/*")]
    [InlineData("application/json")]
    [InlineData(null)]
    public async Task UnroutedPath_RequestNotAskingForHtml_Is404NotTheAppsPage(string? accept)
    {
        using var app = new AppFolder(("index.html", "<h1>my app</h1>"));
        await using var gateway = new GatewayFactory(settings: app.Settings);
        using var client = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/orders/42");
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("my app", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/missing.js")]
    [InlineData("/auth/no-such-endpoint")]
    [InlineData("/.well-known/no-such-document")]
    public async Task UnknownPath_FileNameOrGatewayPath_Answers404NotThePage(string path)
    {
        using var app = new AppFolder(("index.html", "<h1>my app</h1>"));
        await using var gateway = new GatewayFactory(settings: app.Settings);
        using var browser = gateway.CreateBrowser();

        var response = await browser.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("my app", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CustomFolder_Configured_ServesItsFilesNotTheDemo()
    {
        using var app = new AppFolder(("index.html", "<h1>my app</h1>"), ("assets/main.js", "console.log('mine');"));
        await using var gateway = new GatewayFactory(settings: app.Settings);
        using var client = gateway.CreateClient();

        var index = await client.GetStringAsync("/");
        var script = await client.GetStringAsync("/assets/main.js");
        var demoScript = await client.GetAsync("/app.js");

        Assert.Equal("<h1>my app</h1>", index);
        Assert.Equal("console.log('mine');", script);
        Assert.Equal(HttpStatusCode.NotFound, demoScript.StatusCode);
    }

    [Fact]
    public async Task EmptyPath_Configured_ServesNoApp()
    {
        await using var gateway = new GatewayFactory(settings: new() { ["Gateway:StaticApp:Path"] = "" });
        using var client = gateway.CreateClient();

        var root = await client.GetAsync("/");
        var script = await client.GetAsync("/app.js");

        Assert.Equal(HttpStatusCode.NotFound, root.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, script.StatusCode);
    }

    [Fact]
    public async Task ContentSecurityPolicy_Configured_IsTheOneSent()
    {
        const string Policy = "default-src 'self'; connect-src 'self' https://telemetry.example";
        await using var gateway = new GatewayFactory(settings: new() { ["Gateway:StaticApp:ContentSecurityPolicy"] = Policy });
        using var client = gateway.CreateClient();

        var response = await client.GetAsync("/");

        Assert.Equal(Policy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
    }
}
