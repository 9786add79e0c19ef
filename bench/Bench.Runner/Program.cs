using System.Diagnostics;
using Bench.Runner;

// The benchmark run: plain YARP and the gateway side by side on one machine, then the refresh and login paths.
// Usage: dotnet Bench.Runner.dll <repository root> [--quick]
var root = Path.GetFullPath(args.Length > 0 ? args[0] : ".");
var quick = args.Contains("--quick");
var rounds = quick ? 1 : 3;
var seconds = TimeSpan.FromSeconds(quick ? 3 : 10);
var work = Directory.CreateTempSubdirectory("gateway-bench-").FullName;
var database = Path.Combine(work, "gateway.db");
const string Password = "benchmark passphrase 1";
Console.WriteLine($"work folder {work}");

string Dll(string project, string name) => Path.Combine(root, project, "bin", "Release", "net10.0", name + ".dll");

var proxyConfig = new Dictionary<string, string>
{
    ["Logging__LogLevel__Default"] = "Warning",
    ["ReverseProxy__Routes__protected__ClusterId"] = "downstream",
    ["ReverseProxy__Routes__protected__Match__Path"] = "/api/{**rest}",
    ["ReverseProxy__Routes__anonymous__ClusterId"] = "downstream",
    ["ReverseProxy__Routes__anonymous__Match__Path"] = "/public/{**rest}",
    ["ReverseProxy__Routes__anonymous__AuthorizationPolicy"] = "anonymous",
    ["ReverseProxy__Clusters__downstream__Destinations__d1__Address"] = "http://127.0.0.1:5301/",
};
var gatewayConfig = new Dictionary<string, string>(proxyConfig)
{
    ["ASPNETCORE_ENVIRONMENT"] = "Production",
    ["ConnectionStrings__Gateway"] = $"Data Source={database}",
    ["Gateway__Tokens__Issuer"] = "http://127.0.0.1:5303",
    ["Gateway__RateLimiting__Enabled"] = "false",
    ["Gateway__Diagnostics__Enabled"] = "true",

    // The once-a-second revocation poll and the key ring reload query the database whatever the load; slow them
    // down so the command count below is what the requests themselves caused.
    ["Gateway__Sessions__RevocationPollInterval"] = "01:00:00",
    ["Gateway__Tokens__KeyRingRefreshInterval"] = "01:00:00",
};

await using var downstream = await ChildProcess.StartAsync("downstream", Dll("bench/Bench.Downstream", "Bench.Downstream"), 5301, work,
    new Dictionary<string, string>(), Path.Combine(work, "downstream.log"));
await using var plainYarp = await ChildProcess.StartAsync("plain YARP", Dll("bench/Bench.PlainYarp", "Bench.PlainYarp"), 5302, work,
    proxyConfig, Path.Combine(work, "plain-yarp.log"));

var users = Enumerable.Range(1, 8).Select(i => $"bench{i}").Append("timing").Append("flood").ToList();
foreach (var user in users)
{
    await AddUserAsync(user);
}

await using var gateway = await ChildProcess.StartAsync("gateway", Dll("src/Gateway", "Gateway"), 5303, work, gatewayConfig,
    Path.Combine(work, "gateway.log"));
using var client = new GatewayClient("http://127.0.0.1:5303");
var scenarios = new Scenarios(client, database, Password);

Console.WriteLine("signing in 64 sessions");
var sessions = new List<Dictionary<string, string>>();
for (var i = 0; i < 64; i++)
{
    sessions.Add(await client.LoginAsync(users[i % 8], Password));
}

var cookiesFile = Path.Combine(work, "cookies.txt");
await File.WriteAllLinesAsync(cookiesFile, sessions.Select(GatewayClient.CookieHeader));
var script = Path.Combine(root, "bench", "wrk", "sessions.lua");

var targets = new (string Name, string Url, string Path)[]
{
    ("direct downstream", "http://127.0.0.1:5301", "/api/data"),
    ("plain YARP", "http://127.0.0.1:5302", "/api/data"),
    ("gateway, anonymous route", "http://127.0.0.1:5303", "/public/data"),
    ("gateway, protected route", "http://127.0.0.1:5303", "/api/data"),
};

Console.WriteLine("warming up");
foreach (var target in targets)
{
    await Wrk.RunAsync(target.Url, target.Path, script, cookiesFile, 32, TimeSpan.FromSeconds(3));
}

var commandsBefore = await client.DatabaseCommandsAsync();
var hotPath = targets.ToDictionary(target => target.Name, _ => new List<WrkResult>());
for (var round = 0; round < rounds; round++)
{
    // Alternate the order every round so drift of the machine falls on every target alike.
    var order = round % 2 == 0 ? targets : targets.Reverse().ToArray();
    foreach (var target in order)
    {
        var result = await Wrk.RunAsync(target.Url, target.Path, script, cookiesFile, 32, seconds);
        hotPath[target.Name].Add(result);
        Console.WriteLine($"round {round + 1} {target.Name}: {result.RequestsPerSecond:F0} req/s p99 {result.P99Us / 1000.0:F2} ms errors {result.Errors}");
    }
}

// The stats request itself is answered without touching the database.
var hotPathCommands = await client.DatabaseCommandsAsync() - commandsBefore;
var hotPathRss = gateway.PeakRssBytes();

Console.WriteLine("refresh scenarios");
var refreshSessions = new List<Dictionary<string, string>>();
for (var i = 0; i < 64; i++)
{
    refreshSessions.Add(await client.LoginAsync(users[i % 8], Password));
}

var refresh = new List<(string Name, LoopResult Result)>();
foreach (var (viaProxy, name) in new[] { (true, "protected route, transparent refresh"), (false, "POST /auth/refresh") })
{
    foreach (var workers in new[] { 1, 64 })
    {
        var result = await scenarios.RefreshAsync(refreshSessions, workers, seconds, viaProxy);
        refresh.Add(($"{name}, {workers} session(s)", result));
        Console.WriteLine($"{name} x{workers}: {result.PerSecond:F0}/s p99 {result.P99Ms:F1} ms failed {result.Failed}");
    }
}

var race = await scenarios.RaceAsync(await client.LoginAsync(users[0], Password), 64);
Console.WriteLine($"race: {race.Ok}/{race.Requests} ok, {race.DistinctRefreshCookies} distinct cookies, {race.NewTokenRows} new token rows");

Console.WriteLine("login scenarios");
var login = await scenarios.LoginAsync(users[1], 4, seconds);
var timing = await scenarios.EnumerationTimingAsync("timing", quick ? 20 : 100);
Console.WriteLine("login flood during proxied load");
var protectedTarget = targets[^1];
var calm = await Wrk.RunAsync(protectedTarget.Url, protectedTarget.Path, script, cookiesFile, 32, seconds);
var flood = scenarios.LoginFloodAsync("flood", 64, seconds);
var stormy = await Wrk.RunAsync(protectedTarget.Url, protectedTarget.Path, script, cookiesFile, 32, seconds);
var floodStatuses = await flood;
Console.WriteLine($"protected route {calm.RequestsPerSecond:F0} req/s calm, {stormy.RequestsPerSecond:F0} req/s during the flood");
var peakRss = gateway.PeakRssBytes();

var postgresRefresh = await PostgresRefresh.RunAsync(Dll("src/Gateway", "Gateway"), work, proxyConfig, Password, seconds);
var report = new Report(root, rounds, seconds, hotPath, hotPathCommands, hotPathRss, peakRss, plainYarp.PeakRssBytes(), refresh, race, login, timing,
    (calm, stormy, floodStatuses))
{
    PostgresRefresh = postgresRefresh,
};
await report.WriteAsync(Path.Combine(root, "bench", "RESULTS.md"), Path.Combine(root, "bench", "results.png"));
Console.WriteLine("wrote bench/RESULTS.md and bench/results.png");
return 0;

async Task AddUserAsync(string name)
{
    var start = new ProcessStartInfo("dotnet", [Dll("src/Gateway", "Gateway"), "users", "add", name, "--password-stdin"])
    {
        WorkingDirectory = work,
        RedirectStandardInput = true,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        UseShellExecute = false,
    };
    foreach (var (key, value) in gatewayConfig)
    {
        start.Environment[key] = value;
    }

    using var process = Process.Start(start)!;
    await process.StandardInput.WriteLineAsync(Password);
    process.StandardInput.Close();
    await process.WaitForExitAsync();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"users add {name} failed: {await process.StandardError.ReadToEndAsync()}");
    }
}
