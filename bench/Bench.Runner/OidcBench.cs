using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Bench.Runner;

internal sealed record OidcRaceResult(int Sessions, int Requests, int Ok, int RefreshGrants, int FailedGrants);

/// <summary>
/// OpenID Connect mode: the sample OpenID Provider as a process, a gateway in Oidc mode signing sessions in through it
/// (the login form, then single sign-on), its protected route forwarding each user's OP access token (TokenType User).
/// The hot path is measured beside plain YARP; the refresh race checks one refresh grant per session at the provider.
/// </summary>
internal sealed class OidcBench(string providerDll, string gatewayDll, string work, IReadOnlyDictionary<string, string> proxyConfig)
{
    private const string ClientSecret = "gateway-demo-client-secret";

    public sealed record Pair(ChildProcess Provider, ChildProcess Gateway, GatewayClient Client) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Gateway.DisposeAsync();
            await Provider.DisposeAsync();
        }
    }

    /// <summary>A provider whose access tokens live <paramref name="tokenLifetime"/> and a gateway in Oidc mode on a database of its own.</summary>
    public async Task<Pair> StartAsync(string name, TimeSpan tokenLifetime)
    {
        var ports = ChildProcess.FreePorts(2);
        var (providerPort, gatewayPort) = (ports[0], ports[1]);
        var gatewayOrigin = $"http://127.0.0.1:{gatewayPort}";
        var provider = await ChildProcess.StartAsync($"{name} provider", providerDll, providerPort, work, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Provider__GatewayOrigin"] = gatewayOrigin,
            ["Provider__AccessTokenLifetime"] = tokenLifetime.ToString("c"),
            ["Provider__RefreshTokenReuseLeeway"] = "00:00:00",
            ["Provider__TestEndpoints"] = "true",
        }, Path.Combine(work, $"{name}-provider.log"));
        var database = Path.Combine(Directory.CreateDirectory(Path.Combine(work, name)).FullName, "gateway.db");
        var config = new Dictionary<string, string>(proxyConfig)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Gateway"] = $"Data Source={database}",
            ["Gateway__Tokens__Issuer"] = gatewayOrigin,
            ["Gateway__RateLimiting__Enabled"] = "false",
            ["Gateway__Diagnostics__Enabled"] = "true",
            ["Gateway__Tokens__AccessTokenLifetime"] = "02:00:00",
            ["Gateway__Sessions__RevocationPollInterval"] = "01:00:00",
            ["Gateway__Tokens__KeyRingRefreshInterval"] = "01:00:00",
            ["Gateway__Authentication__Mode"] = "Oidc",
            ["Gateway__Authentication__Oidc__Authority"] = $"http://127.0.0.1:{providerPort}",
            ["Gateway__Authentication__Oidc__ClientId"] = "gateway",
            ["Gateway__Authentication__Oidc__ClientSecret"] = ClientSecret,
        };
        var gateway = await ChildProcess.StartAsync($"{name} gateway", gatewayDll, gatewayPort, work, config, Path.Combine(work, $"{name}-gateway.log"));
        return new Pair(provider, gateway, new GatewayClient(gatewayOrigin));
    }

    /// <summary><paramref name="count"/> sessions of alice: the first through the login form, the others by single sign-on.</summary>
    public static async Task<List<Dictionary<string, string>>> SignInAsync(Pair pair, int count)
    {
        var providerOrigin = $"http://127.0.0.1:{pair.Provider.Port}";
        using var atProvider = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(providerOrigin),
        };
        // The navigations to the gateway, whose redirects are followed here by hand, as a browser would.
        using var atGateway = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = pair.Client.Http.BaseAddress,
        };
        var sessions = new List<Dictionary<string, string>>();
        for (var i = 0; i < count; i++)
        {
            var cookies = new Dictionary<string, string>(StringComparer.Ordinal);
            using var login = await atGateway.GetAsync("/auth/login");
            GatewayClient.Absorb(login, cookies);
            var location = login.Headers.Location ?? throw new InvalidOperationException($"GET /auth/login answered {(int)login.StatusCode}");
            for (var hops = 0; location.Port == pair.Provider.Port && hops < 6; hops++)
            {
                var target = new Uri(new Uri(providerOrigin), location);
                using var answer = target.AbsolutePath == "/account/login"
                    ? await atProvider.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["username"] = "alice",
                        ["password"] = "alice-demo-password",
                        ["returnUrl"] = Uri.UnescapeDataString(target.Query.Split("returnUrl=")[1].Split('&')[0]),
                    }))
                    : await atProvider.GetAsync(target);
                location = new Uri(new Uri(providerOrigin), answer.Headers.Location!);
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, location.PathAndQuery);
            request.Headers.TryAddWithoutValidation("Cookie", GatewayClient.CookieHeader(cookies));
            using var callback = await atGateway.SendAsync(request);
            var session = new Dictionary<string, string>(StringComparer.Ordinal);
            GatewayClient.Absorb(callback, session);
            if (!session.ContainsKey(Scenarios.RefreshCookie))
            {
                throw new InvalidOperationException($"sign-in {i} through the provider failed: {(int)callback.StatusCode} {callback.Headers.Location}");
            }

            sessions.Add(session.Where(cookie => cookie.Key.StartsWith("__Host-gw-", StringComparison.Ordinal)).ToDictionary());
        }

        return sessions;
    }

    /// <summary>
    /// Every session's OP token expires within its refresh window at the same moment; <paramref name="perSession"/>
    /// requests per session then arrive at once: one refresh grant per session expected at the provider.
    /// </summary>
    public static async Task<OidcRaceResult> RaceAsync(Pair pair, List<Dictionary<string, string>> sessions, int perSession, TimeSpan tokenLifetime)
    {
        foreach (var session in sessions)
        {
            await pair.Client.SendAsync(HttpMethod.Get, "/api/data", session, update: null);
        }

        // Past half the token's lifetime: every cached token needs a refresh now.
        await Task.Delay(tokenLifetime / 2 + TimeSpan.FromSeconds(1));
        var before = await RefreshGrantsAsync(pair);
        var statuses = await Task.WhenAll(sessions.SelectMany(session => Enumerable.Range(0, perSession)
            .Select(_ => pair.Client.SendAsync(HttpMethod.Get, "/api/data", session, update: null))));
        var grants = (await RefreshGrantsAsync(pair)).Skip(before.Count).ToList();
        return new OidcRaceResult(sessions.Count, statuses.Length, statuses.Count(status => status == HttpStatusCode.OK),
            grants.Count, grants.Count(succeeded => !succeeded));
    }

    private static async Task<List<bool>> RefreshGrantsAsync(Pair pair)
    {
        using var http = new HttpClient();
        var records = await http.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{pair.Provider.Port}/_test/token-requests");
        return records.EnumerateArray()
            .Where(record => record.GetProperty("grantType").GetString() == "refresh_token")
            .Select(record => record.GetProperty("succeeded").GetBoolean())
            .ToList();
    }
}
