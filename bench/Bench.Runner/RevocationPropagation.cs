using System.Diagnostics;
using System.Net;
using Gateway.TestSupport;

namespace Bench.Runner;

internal sealed record PropagationResult(int Rounds, IReadOnlyList<double> SortedMs, double ProbeIntervalMs)
{
    public double P50Ms => Percentiles.Of(SortedMs, 50);

    public double P99Ms => Percentiles.Of(SortedMs, 99);

    public double MaxMs => SortedMs.Count == 0 ? 0 : SortedMs[^1];
}

/// <summary>
/// How fast a logout on one instance is refused by the others: three gateways on a throwaway PostgreSQL, a session
/// signed in on one of them (in turn) and already served by the other two, logged out there; from the logout's answer,
/// each other instance is probed every few milliseconds until it answers 401.
/// </summary>
internal static class RevocationPropagation
{
    private const int Instances = 3;
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(5);

    public static async Task<PropagationResult> RunAsync(string gatewayDll, string work, IReadOnlyDictionary<string, string> proxyConfig,
        string password, int rounds)
    {
        Console.WriteLine("revocation across 3 instances on PostgreSQL");
        using var postgres = ThrowawayPostgres.Start();
        var ports = ChildProcess.FreePorts(Instances);
        var config = new Dictionary<string, string>(proxyConfig)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Gateway__Storage__Provider"] = "Postgres",
            ["ConnectionStrings__Gateway"] = postgres.ConnectionString("gateway"),
            ["Gateway__Tokens__Issuer"] = $"http://127.0.0.1:{ports[0]}",
            ["Gateway__RateLimiting__Enabled"] = "false",
        };

        var gateways = new List<ChildProcess>();
        var clients = new List<GatewayClient>();
        try
        {
            // One after another: the first creates the schema and the keys, the others find them.
            for (var i = 0; i < Instances; i++)
            {
                gateways.Add(await ChildProcess.StartAsync($"gateway rv{i}", gatewayDll, ports[i], work, config, Path.Combine(work, $"gateway-rv{i}.log")));
                clients.Add(new GatewayClient($"http://127.0.0.1:{ports[i]}"));
            }

            await PostgresRefresh.AddUserAsync(gatewayDll, work, config, password);
            var samples = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                var ending = clients[round % Instances];
                var cookies = await ending.LoginAsync("bench", password);
                var others = clients.Where(client => client != ending).ToList();
                foreach (var other in others)
                {
                    if (await other.SendAsync(HttpMethod.Get, "/api/data", cookies, null) != HttpStatusCode.OK)
                    {
                        throw new InvalidOperationException("a fresh session was not served by another instance");
                    }
                }

                await ending.SendAsync(HttpMethod.Post, "/auth/logout", cookies, null);
                var clock = Stopwatch.StartNew();
                samples.AddRange(await Task.WhenAll(others.Select(other => RefusedAfterAsync(other, cookies, clock))));
            }

            samples.Sort();
            var result = new PropagationResult(rounds, samples, ProbeInterval.TotalMilliseconds);
            Console.WriteLine($"revocation: {samples.Count} refusals, p50 {result.P50Ms:F1} ms p99 {result.P99Ms:F1} ms max {result.MaxMs:F1} ms");
            return result;
        }
        finally
        {
            clients.ForEach(client => client.Dispose());
            foreach (var gateway in gateways)
            {
                await gateway.DisposeAsync();
            }
        }
    }

    private static async Task<double> RefusedAfterAsync(GatewayClient client, IReadOnlyDictionary<string, string> cookies, Stopwatch clock)
    {
        while (clock.Elapsed < GiveUpAfter)
        {
            if (await client.SendAsync(HttpMethod.Get, "/api/data", cookies, null) == HttpStatusCode.Unauthorized)
            {
                return clock.Elapsed.TotalMilliseconds;
            }

            await Task.Delay(ProbeInterval);
        }

        throw new InvalidOperationException($"a logged-out session was still served {GiveUpAfter.TotalSeconds} s after the logout");
    }
}
