using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Bench.Runner;

/// <summary>Talks to the gateway like a browser: logs in, keeps cookies per session, reads the stats endpoint.</summary>
internal sealed class GatewayClient(string baseUrl) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        UseCookies = false,
        MaxConnectionsPerServer = 512,
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
    })
    { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };

    public HttpClient Http => _http;

    public async Task<Dictionary<string, string>> LoginAsync(string user, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/login") { Content = JsonContent.Create(new { username = user, password }) };
        request.Headers.Add("X-CSRF", "1");
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var cookies = new Dictionary<string, string>(StringComparer.Ordinal);
        Absorb(response, cookies);
        return cookies;
    }

    public static void Absorb(HttpResponseMessage response, Dictionary<string, string> cookies)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var lines))
        {
            return;
        }

        foreach (var line in lines)
        {
            var pair = line.Split(';', 2)[0];
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            cookies[pair[..equals]] = pair[(equals + 1)..];
        }
    }

    public static string CookieHeader(IReadOnlyDictionary<string, string> cookies) =>
        string.Join("; ", cookies.Select(cookie => $"{cookie.Key}={cookie.Value}"));

    /// <summary>Bytes the gateway process has allocated since it started (its stats endpoint).</summary>
    public static async Task<long> AllocatedBytesAsync(string url)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        var stats = await http.GetFromJsonAsync<JsonElement>("/_gateway/stats");
        return stats.GetProperty("allocatedBytes").GetInt64();
    }

    public async Task<long> DatabaseCommandsAsync()
    {
        var stats = await _http.GetFromJsonAsync<JsonElement>("/_gateway/stats");
        return stats.GetProperty("databaseCommands").GetInt64();
    }

    public async Task<HttpStatusCode> SendAsync(HttpMethod method, string path, IReadOnlyDictionary<string, string> cookies, Dictionary<string, string>? update)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-CSRF", "1");
        request.Headers.TryAddWithoutValidation("Cookie", CookieHeader(cookies));
        using var response = await _http.SendAsync(request);
        if (update is not null)
        {
            Absorb(response, update);
        }

        return response.StatusCode;
    }

    public void Dispose() => _http.Dispose();
}
