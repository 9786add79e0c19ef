using System.Diagnostics;
using System.Net;
using Gateway.TestSupport;

namespace Bench.Runner;

/// <summary>
/// The refresh scenario on PostgreSQL: a throwaway server, gateways on it, 1 then 3 instances with the runner
/// spreading requests round-robin over them itself (what a balancer does, without one more process on 2 cores).
/// Each request carries only a session's refresh cookie, so every one is a rotation decided by the database.
/// </summary>
internal static class PostgresRefresh
{
    private const int Instances = 3;
    private const int Sessions = 64;

    public static async Task<List<(string Name, LoopResult Result)>> RunAsync(string gatewayDll, string work,
        IReadOnlyDictionary<string, string> proxyConfig, string password, TimeSpan duration, TimeSpan warmup)
    {
        Console.WriteLine("refresh on PostgreSQL");
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
            var results = new List<(string, LoopResult)>();
            foreach (var count in new[] { 1, Instances })
            {
                while (gateways.Count < count)
                {
                    var port = ports[gateways.Count];
                    gateways.Add(await ChildProcess.StartAsync($"gateway pg{gateways.Count}", gatewayDll, port, work, config,
                        Path.Combine(work, $"gateway-pg{gateways.Count}.log")));
                    clients.Add(new GatewayClient($"http://127.0.0.1:{port}"));
                }

                if (count == 1)
                {
                    await AddUserAsync(gatewayDll, work, config, password);
                }

                var sessions = new List<Dictionary<string, string>>();
                for (var i = 0; i < Sessions; i++)
                {
                    sessions.Add(await clients[i % count].LoginAsync("bench", password));
                }

                // Newly started instances run cold code: pools and caches fill, and for several seconds the JIT recompiles hot
                // methods in the background (perf: a quarter of the machine's samples in the tiered-compilation thread
                // during the first measured seconds after one second of warm-up). Warm up as long as the SQLite part does.
                await RefreshAsync(clients.Take(count).ToList(), sessions, Sessions, warmup);
                foreach (var workers in new[] { 1, Sessions })
                {
                    var cpuBefore = gateways.Aggregate(TimeSpan.Zero, (sum, gateway) => sum + gateway.CpuTime());
                    var result = await RefreshAsync(clients.Take(count).ToList(), sessions, workers, duration);
                    var cpu = gateways.Aggregate(TimeSpan.Zero, (sum, gateway) => sum + gateway.CpuTime()) - cpuBefore;
                    result = result with { ServerCpuUs = cpu.TotalMicroseconds / Math.Max(1, result.Succeeded) };
                    var name = $"{count} instance(s), {workers} session(s)";
                    results.Add((name, result));
                    Console.WriteLine($"postgres {name}: {result.PerSecond:F0}/s p99 {result.P99Ms:F1} ms max {result.MaxMs:F0} ms cpu {result.ServerCpuUs:F0} us/rotation failed {result.Failed}");
                }
            }

            return results;
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

    private static Task<LoopResult> RefreshAsync(List<GatewayClient> clients, List<Dictionary<string, string>> sessions, int workers, TimeSpan duration)
    {
        var next = 0;
        return ClosedLoop.RunAsync(workers, duration, async worker =>
        {
            var client = clients[Interlocked.Increment(ref next) % clients.Count];
            var cookies = new Dictionary<string, string> { [Scenarios.RefreshCookie] = sessions[worker][Scenarios.RefreshCookie] };
            return await client.SendAsync(HttpMethod.Get, "/api/data", cookies, sessions[worker]) == HttpStatusCode.OK;
        });
    }

    public static async Task AddUserAsync(string gatewayDll, string work, IReadOnlyDictionary<string, string> config, string password)
    {
        var start = new ProcessStartInfo("dotnet", [gatewayDll, "users", "add", "bench", "--password-stdin"])
        {
            WorkingDirectory = work,
            RedirectStandardInput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in config)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        await process.StandardInput.WriteLineAsync(password);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"users add bench failed: {await process.StandardError.ReadToEndAsync()}");
        }
    }
}
