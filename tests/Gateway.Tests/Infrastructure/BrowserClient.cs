using System.Net.Http.Json;
using Microsoft.Net.Http.Headers;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// A browser as the gateway sees it: a cookie jar that honours Set-Cookie (including deletions), and
/// <c>X-CSRF: 1</c> on every request unless a test turns it off.
/// </summary>
internal sealed class BrowserClient(HttpClient http) : IDisposable
{
    public Dictionary<string, string> Cookies { get; } = new(StringComparer.Ordinal);

    /// <summary>Set-Cookie lines of the last response, parsed.</summary>
    public IReadOnlyList<SetCookieHeaderValue> LastSetCookies { get; private set; } = [];

    public bool SendCsrfHeader { get; set; } = true;

    public string? UserAgent { get; set; } = "GatewayTests/1.0";

    public Task<HttpResponseMessage> GetAsync(string path, Action<HttpRequestMessage>? configure = null) =>
        SendAsync(HttpMethod.Get, path, null, configure);

    public Task<HttpResponseMessage> PostAsync(string path, object? json = null, Action<HttpRequestMessage>? configure = null) =>
        SendAsync(HttpMethod.Post, path, json, configure);

    public Task<HttpResponseMessage> DeleteAsync(string path, Action<HttpRequestMessage>? configure = null) =>
        SendAsync(HttpMethod.Delete, path, null, configure);

    public Task<HttpResponseMessage> LoginAsync(string userName, string password) =>
        PostAsync("/auth/login", new { username = userName, password });

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? json, Action<HttpRequestMessage>? configure,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = JsonContent.Create(json);
        }

        if (Cookies.Count > 0)
        {
            request.Headers.TryAddWithoutValidation("Cookie", string.Join("; ", Cookies.Select(cookie => $"{cookie.Key}={cookie.Value}")));
        }

        if (SendCsrfHeader)
        {
            request.Headers.Add("X-CSRF", "1");
        }

        if (UserAgent is not null)
        {
            request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        }

        configure?.Invoke(request);
        var response = await http.SendAsync(request, completion);
        Absorb(response);
        return response;
    }

    /// <summary>A copy of this browser's cookies in a new browser (a stolen cookie, or a second tab).</summary>
    public BrowserClient CloneInto(BrowserClient other)
    {
        foreach (var (name, value) in Cookies)
        {
            other.Cookies[name] = value;
        }

        return other;
    }

    public void Dispose() => http.Dispose();

    private void Absorb(HttpResponseMessage response)
    {
        LastSetCookies = response.Headers.TryGetValues("Set-Cookie", out var lines)
            ? SetCookieHeaderValue.ParseList(lines.ToList()).ToList()
            : [];
        foreach (var cookie in LastSetCookies)
        {
            var name = cookie.Name.ToString();
            if (cookie.Expires is { } expires && expires <= DateTimeOffset.UtcNow || cookie.Value.Length == 0)
            {
                Cookies.Remove(name);
            }
            else
            {
                Cookies[name] = cookie.Value.ToString();
            }
        }
    }
}
