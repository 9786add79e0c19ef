namespace Gateway.Telemetry;

/// <summary>
/// The Prometheus port, once known at registration: its own Kestrel address, and a pipeline branch that answers
/// <c>GET /metrics</c> there and 404 to anything else. Requests are told apart by the port they arrived on, never by
/// their <c>Host</c> header, which a client chooses.
/// </summary>
internal sealed record PrometheusEndpoint(int Port)
{
    public const string Path = "/metrics";

    private const string DefaultUrl = "http://localhost:5000";

    /// <summary>
    /// The addresses the gateway listens on plus this port on the host of the first of them. Kestrel takes either its
    /// <c>Kestrel:Endpoints</c> or the <c>urls</c> list, never both: the port joins whichever is in use.
    /// </summary>
    public void Listen(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var endpoints = configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(endpoint => endpoint["Url"]).OfType<string>().ToList();
        if (endpoints.Count > 0)
        {
            configuration["Kestrel:Endpoints:GatewayPrometheus:Url"] = $"http://{Host(endpoints[0])}:{Port}";
            return;
        }

        var urls = Split(configuration["urls"]);
        if (urls.Count == 0)
        {
            urls = [.. Split(configuration["http_ports"]).Select(port => $"http://*:{port}"), .. Split(configuration["https_ports"]).Select(port => $"https://*:{port}")];
        }

        if (urls.Count == 0)
        {
            urls = [DefaultUrl];
        }

        builder.WebHost.UseUrls([.. urls, $"http://{Host(urls[0])}:{Port}"]);
    }

    public bool Serves(HttpContext context) => context.Connection.LocalPort == Port;

    private static List<string> Split(string? list) =>
        [.. (list ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    // "http://[::1]:5000/" -> "[::1]"; "http://*:8080" -> "*"; "https://gateway.example.com" -> "gateway.example.com".
    private static string Host(string url)
    {
        var authority = url.Split("://", 2)[^1].Split('/')[0];
        var colon = authority.LastIndexOf(':');
        return colon > authority.LastIndexOf(']') ? authority[..colon] : authority;
    }
}
