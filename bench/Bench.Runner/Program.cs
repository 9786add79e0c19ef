using System.Diagnostics;
using Bench.Runner;

// The benchmark run: plain YARP and the gateway side by side on one machine, then the refresh and login paths.
// Usage: dotnet Bench.Runner.dll <repository root> [--quick] [--only hot,refresh,login,postgres,revocation,telemetry,oidc]
var root = Path.GetFullPath(args.Length > 0 ? args[0] : ".");
var quick = args.Contains("--quick");
// --only hot|refresh|login|postgres|revocation|telemetry|oidc runs one part and prints it without writing the report: for work on one path.
// The oidc part (OpenID Connect mode) runs only when named.
var only = args.SkipWhile(arg => arg != "--only").Skip(1).FirstOrDefault();
bool Runs(string part) => only is null || only.Split(',').Contains(part);
var rounds = quick ? 1 : 4;
var seconds = TimeSpan.FromSeconds(quick ? 3 : 10);
var warmup = TimeSpan.FromSeconds(quick ? 2 : 5);
// BENCH_ROUNDS / BENCH_SECONDS shorten or lengthen the measured rounds (for an A/B while working on one path).
if (int.TryParse(Environment.GetEnvironmentVariable("BENCH_ROUNDS"), out var roundsSetting))
{
    rounds = roundsSetting;
}

if (int.TryParse(Environment.GetEnvironmentVariable("BENCH_SECONDS"), out var secondsSetting))
{
    seconds = TimeSpan.FromSeconds(secondsSetting);
}
var work = Directory.CreateTempSubdirectory("gateway-bench-").FullName;
// The gateway's default layout: the database in a data folder below its working folder.
var database = Path.Combine(Directory.CreateDirectory(Path.Combine(work, "data")).FullName, "gateway.db");
const string Password = "benchmark passphrase 1";
Console.WriteLine($"work folder {work} (deleted at the end; the database alone grows to hundreds of MB)");
AppDomain.CurrentDomain.ProcessExit += (_, _) =>
{
    try
    {
        Directory.Delete(work, recursive: true);
    }
    catch (IOException)
    {
        // A server still closing its files: leave the folder to the temp cleaner.
    }
};

string Dll(string project, string name) => Path.Combine(root, project, "bin", "Release", "net10.0", name + ".dll");

// Free loopback ports, so a run never meets another run's (or anything else's) servers.
var ports = ChildProcess.FreePorts(3);
var (downstreamPort, yarpPort, gatewayPort) = (ports[0], ports[1], ports[2]);
var proxyConfig = new Dictionary<string, string>
{
    ["Logging__LogLevel__Default"] = "Warning",
    ["ReverseProxy__Routes__protected__ClusterId"] = "downstream",
    ["ReverseProxy__Routes__protected__Match__Path"] = "/api/{**rest}",
    ["ReverseProxy__Routes__anonymous__ClusterId"] = "downstream",
    ["ReverseProxy__Routes__anonymous__Match__Path"] = "/public/{**rest}",
    ["ReverseProxy__Routes__anonymous__AuthorizationPolicy"] = "anonymous",
    ["ReverseProxy__Clusters__downstream__Destinations__d1__Address"] = $"http://127.0.0.1:{downstreamPort}/",
};
var gatewayConfig = new Dictionary<string, string>(proxyConfig)
{
    ["ASPNETCORE_ENVIRONMENT"] = "Production",
    ["ConnectionStrings__Gateway"] = $"Data Source={database}",
    ["Gateway__Tokens__Issuer"] = $"http://127.0.0.1:{gatewayPort}",
    ["Gateway__RateLimiting__Enabled"] = "false",
    ["Gateway__Diagnostics__Enabled"] = "true",

    // The hot-path sessions must stay live for the whole run (it lasts longer than the default 5 minutes): an expired
    // access token would turn hot-path requests into refreshes. The refresh scenarios drop the access cookie instead.
    ["Gateway__Tokens__AccessTokenLifetime"] = "02:00:00",

    // The once-a-second revocation poll and the key ring reload query the database whatever the load; slow them
    // down so the command count below is what the requests themselves caused.
    ["Gateway__Sessions__RevocationPollInterval"] = "01:00:00",
    ["Gateway__Tokens__KeyRingRefreshInterval"] = "01:00:00",
};

// BENCH_GATEWAY_ENV="K=V;K=V" adds environment variables for the gateway processes only, the PostgreSQL part's too (to try
// a setting on them alone).
var postgresConfig = new Dictionary<string, string>(proxyConfig);
foreach (var pair in (Environment.GetEnvironmentVariable("BENCH_GATEWAY_ENV") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
{
    var parts = pair.Split('=', 2);
    gatewayConfig[parts[0]] = postgresConfig[parts[0]] = parts.Length > 1 ? parts[1] : "";
}

await using var downstream = await ChildProcess.StartAsync("downstream", Dll("bench/Bench.Downstream", "Bench.Downstream"), downstreamPort, work,
    new Dictionary<string, string>(), Path.Combine(work, "downstream.log"));
await using var plainYarp = await ChildProcess.StartAsync("plain YARP", Dll("bench/Bench.PlainYarp", "Bench.PlainYarp"), yarpPort, work,
    proxyConfig, Path.Combine(work, "plain-yarp.log"));

var users = Enumerable.Range(1, 8).Select(i => $"bench{i}").Append("timing").Append("flood").ToList();
foreach (var user in users)
{
    await AddUserAsync(user);
}

await using var gateway = await ChildProcess.StartAsync("gateway", Dll("src/Gateway", "Gateway"), gatewayPort, work, gatewayConfig,
    Path.Combine(work, "gateway.log"));
using var client = new GatewayClient($"http://127.0.0.1:{gatewayPort}");

// BENCH_BASELINE_GATEWAY=<path to another build's Gateway.dll> (with --only hot): that build runs beside this one on the same
// database and keys, so the same session cookies work on both, and the hot path measures both in the same rounds: a
// before/after of a change without the machine's drift between two runs.
var baselineDll = Environment.GetEnvironmentVariable("BENCH_BASELINE_GATEWAY");
await using var baseline = baselineDll is null ? null : await ChildProcess.StartAsync("baseline gateway", baselineDll, ChildProcess.FreePorts(1)[0], work,
    gatewayConfig, Path.Combine(work, "baseline-gateway.log"));
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

var targets = new (string Name, string Url, string Path, ChildProcess Server)[]
{
    ("direct downstream", $"http://127.0.0.1:{downstreamPort}", "/api/data", downstream),
    ("plain YARP", $"http://127.0.0.1:{yarpPort}", "/api/data", plainYarp),
    ("gateway, anonymous route", $"http://127.0.0.1:{gatewayPort}", "/public/data", gateway),
    ("gateway, protected route", $"http://127.0.0.1:{gatewayPort}", "/api/data", gateway),
};
if (baseline is not null)
{
    // The direct downstream's row says nothing about a change: its time goes to the two builds' rows.
    targets =
    [
        .. targets.Skip(1),
        ("baseline gateway, anonymous route", $"http://127.0.0.1:{baseline.Port}", "/public/data", baseline),
        ("baseline gateway, protected route", $"http://127.0.0.1:{baseline.Port}", "/api/data", baseline),
    ];
}

var hotPath = targets.ToDictionary(target => target.Name, _ => new List<WrkResult>());
long hotPathCommands = 0;
long hotPathRss = 0;
if (Runs("hot"))
{
    // Long enough for tiered JIT and dynamic PGO to settle in every server before anything is measured.
    Console.WriteLine("warming up");
    for (var pass = 0; pass < 2; pass++)
    {
        foreach (var target in targets)
        {
            await Wrk.RunAsync(target.Url, target.Path, script, cookiesFile, 32, warmup);
        }
    }

    var commandsBefore = await client.DatabaseCommandsAsync();
    for (var round = 0; round < rounds; round++)
    {
        // Alternate the order every round so drift of the machine falls on every target alike.
        var order = round % 2 == 0 ? targets : targets.Reverse().ToArray();
        foreach (var target in order)
        {
            var countsAllocations = target.Server != downstream;
            var result = await Wrk.MeasureAsync(target.Server, target.Url, target.Path, script, cookiesFile, 32, seconds, countsAllocations);
            hotPath[target.Name].Add(result);
            Console.WriteLine($"round {round + 1} {target.Name}: {result.RequestsPerSecond:F0} req/s p99 {result.P99Us / 1000.0:F2} ms " +
                $"cpu {result.ServerCpuUs:F1} us/req errors {result.Errors}" + (result.AllocatedBytes is { } bytes ? $" alloc {bytes:F0} B/req" : ""));
        }
    }

    // The stats request itself is answered without touching the database.
    hotPathCommands = await client.DatabaseCommandsAsync() - commandsBefore;
    hotPathRss = gateway.PeakRssBytes();
}

var telemetry = new Dictionary<string, List<WrkResult>>();
if (Runs("telemetry"))
{
    var protectedTarget = targets[^1];
    telemetry = await TelemetryOverhead.RunAsync(Dll("src/Gateway", "Gateway"), work, gatewayConfig, downstreamPort,
        (protectedTarget.Url, protectedTarget.Server), protectedTarget.Path, script, cookiesFile, rounds, seconds, warmup);
}

var refresh = new List<(string Name, LoopResult Result)>();
RaceResult? race = null;
StoragePerRotation? storage = null;
if (Runs("refresh"))
{
    Console.WriteLine("refresh scenarios");
    var refreshSessions = new List<Dictionary<string, string>>();
    for (var i = 0; i < 64; i++)
    {
        refreshSessions.Add(await client.LoginAsync(users[i % 8], Password));
    }

    // Warm the refresh path (JIT, connection pool, SQLite page cache) before measuring it. Not longer: every rotation
    // adds about 2.5 KB to the database (the consumed token's row keeps its successor's cookies for the grace period),
    // and a rotation costs more as the file grows (measured: 300 MB after this part).
    var storageBefore = await scenarios.StorageAsync();
    var warm = await scenarios.RefreshAsync(refreshSessions, 64, warmup, viaProxy: true);
    foreach (var (viaProxy, name) in new[] { (true, "protected route, transparent refresh"), (false, "POST /auth/refresh") })
    {
        foreach (var workers in new[] { 1, 64 })
        {
            var before = gateway.CpuTime();
            var result = await scenarios.RefreshAsync(refreshSessions, workers, seconds, viaProxy);
            result = result with { ServerCpuUs = (gateway.CpuTime() - before).TotalMicroseconds / Math.Max(1, result.Succeeded) };
            refresh.Add(($"{name}, {workers} session(s), as fast as answered", result));
            Console.WriteLine($"{name} x{workers}: {result.PerSecond:F0}/s p99 {result.P99Ms:F1} ms cpu {result.ServerCpuUs:F0} us/rotation failed {result.Failed}");
        }

        var paced = await scenarios.RefreshAtRateAsync(refreshSessions, Scenarios.RefreshTargetPerSecond, seconds, viaProxy);
        refresh.Add(($"{name}, 64 sessions, {Scenarios.RefreshTargetPerSecond:N0}/s offered", paced));
        Console.WriteLine($"{name} at {Scenarios.RefreshTargetPerSecond}/s: {paced.PerSecond:F0}/s p99 {paced.P99Ms:F1} ms max {paced.MaxMs:F1} ms failed {paced.Failed}");
    }

    // Before the race: what the rotations above (and the warm-up's) added to the database, per rotation.
    var storageAfter = await scenarios.StorageAsync();
    var rotations = warm.Succeeded + refresh.Sum(r => r.Result.Succeeded);
    storage = new StoragePerRotation(rotations, storageAfter.UsedBytes - storageBefore.UsedBytes, storageAfter.SuccessorBytes - storageBefore.SuccessorBytes,
        storageAfter.SuccessorRows - storageBefore.SuccessorRows);
    Console.WriteLine($"storage: {storage.UsedBytes / (double)rotations:F0} bytes/rotation of database pages, of which stored successors {storage.SuccessorBytes / (double)rotations:F0}");
    race = await scenarios.RaceAsync(await client.LoginAsync(users[0], Password), 64);
    Console.WriteLine($"race: {race.Ok}/{race.Requests} ok, {race.DistinctRefreshCookies} distinct cookies, {race.NewTokenRows} new token rows");
}

LoopResult? login = null;
(TimingResult Unknown, TimingResult WrongPassword)? timing = null;
(WrkResult Calm, WrkResult Stormy, Dictionary<System.Net.HttpStatusCode, int> Statuses)? flood = null;
if (Runs("login"))
{
    Console.WriteLine("login scenarios");
    login = await scenarios.LoginAsync(users[1], 4, seconds);
    timing = await scenarios.EnumerationTimingAsync("timing", quick ? 20 : 100);
    Console.WriteLine($"logins {login.PerSecond:F1}/s; median unknown {timing.Value.Unknown.MedianMs:F1} ms, wrong password {timing.Value.WrongPassword.MedianMs:F1} ms");
    Console.WriteLine("login flood during proxied load");
    var protectedTarget = targets[^1];
    await Wrk.RunAsync(protectedTarget.Url, protectedTarget.Path, script, cookiesFile, 32, warmup);
    var calm = await Wrk.MeasureAsync(gateway, protectedTarget.Url, protectedTarget.Path, script, cookiesFile, 32, seconds);
    var floodTask = scenarios.LoginFloodAsync("flood", 64, seconds);
    var stormy = await Wrk.MeasureAsync(gateway, protectedTarget.Url, protectedTarget.Path, script, cookiesFile, 32, seconds);
    flood = (calm, stormy, await floodTask);
    Console.WriteLine($"protected route {calm.RequestsPerSecond:F0} req/s calm ({calm.ServerCpuUs:F0} us/req, {calm.Errors} errors), {stormy.RequestsPerSecond:F0} req/s during the flood ({stormy.Errors} errors)");
}

// OpenID Connect mode, on request only (--only oidc): the gateway's protected route forwarding each user's OP token.
if (only is not null && only.Split(',').Contains("oidc"))
{
    Console.WriteLine("OpenID Connect mode: hot path with User tokens");
    var oidc = new OidcBench(Dll("src/SampleIdentityProvider", "SampleIdentityProvider"), Dll("src/Gateway", "Gateway"), work, proxyConfig);
    await using (var pair = await oidc.StartAsync("oidc-hot", TimeSpan.FromHours(2)))
    {
        var oidcSessions = await OidcBench.SignInAsync(pair, 64);
        var oidcCookies = Path.Combine(work, "oidc-cookies.txt");
        await File.WriteAllLinesAsync(oidcCookies, oidcSessions.Select(GatewayClient.CookieHeader));
        var oidcTargets = new (string Name, string Url, ChildProcess Server)[]
        {
            ("plain YARP", $"http://127.0.0.1:{yarpPort}", plainYarp),
            ("gateway in Oidc mode, User token", $"http://127.0.0.1:{pair.Gateway.Port}", pair.Gateway),
        };
        foreach (var target in oidcTargets)
        {
            await Wrk.RunAsync(target.Url, "/api/data", script, oidcCookies, 32, warmup);
        }

        var oidcCommandsBefore = await pair.Client.DatabaseCommandsAsync();
        var oidcResults = oidcTargets.ToDictionary(target => target.Name, _ => new List<WrkResult>());
        for (var round = 0; round < rounds; round++)
        {
            foreach (var target in round % 2 == 0 ? oidcTargets : oidcTargets.Reverse().ToArray())
            {
                var result = await Wrk.MeasureAsync(target.Server, target.Url, "/api/data", script, oidcCookies, 32, seconds);
                oidcResults[target.Name].Add(result);
                Console.WriteLine($"round {round + 1} {target.Name}: {result.RequestsPerSecond:F0} req/s p99 {result.P99Us / 1000.0:F2} ms " +
                    $"cpu {result.ServerCpuUs:F1} us/req errors {result.Errors}");
            }
        }

        var oidcCommands = await pair.Client.DatabaseCommandsAsync() - oidcCommandsBefore;
        var yarpMedian = oidcResults["plain YARP"].Select(result => result.RequestsPerSecond).Order().ElementAt(rounds / 2);
        var oidcMedian = oidcResults["gateway in Oidc mode, User token"].Select(result => result.RequestsPerSecond).Order().ElementAt(rounds / 2);
        Console.WriteLine($"Oidc hot path: {oidcMedian / yarpMedian:F2}x plain YARP (median of {rounds} rounds), {oidcCommands} database commands");
    }

    Console.WriteLine("OpenID Connect mode: refresh race");
    var raceLifetime = TimeSpan.FromSeconds(10);
    await using (var pair = await oidc.StartAsync("oidc-race", raceLifetime))
    {
        var raceSessions = await OidcBench.SignInAsync(pair, 16);
        var oidcRace = await OidcBench.RaceAsync(pair, raceSessions, 32, raceLifetime);
        Console.WriteLine($"Oidc refresh race: {oidcRace.Ok}/{oidcRace.Requests} ok over {oidcRace.Sessions} sessions, " +
            $"{oidcRace.RefreshGrants} refresh grants at the provider ({oidcRace.FailedGrants} refused)");
    }
}

var postgresRefresh = new List<(string Name, LoopResult Result)>();
if (Runs("postgres"))
{
    postgresRefresh = await PostgresRefresh.RunAsync(Dll("src/Gateway", "Gateway"), work, postgresConfig, Password, seconds, warmup);
}

PropagationResult? revocation = null;
if (Runs("revocation"))
{
    revocation = await RevocationPropagation.RunAsync(Dll("src/Gateway", "Gateway"), work, proxyConfig, Password, quick ? 20 : 100);
    if (only is not null)
    {
        Console.WriteLine(Report.RevocationSection(revocation));
    }
}

var peakRss = gateway.PeakRssBytes();
var rssSplit = gateway.RssSplit();
Console.WriteLine($"gateway peak RSS {peakRss / 1048576.0:F0} MB (now {rssSplit.AnonBytes / 1048576.0:F0} MB anonymous, {rssSplit.CodeBytes / 1048576.0:F0} MB JIT code, {rssSplit.FileBytes / 1048576.0:F0} MB file-backed), " +
    $"plain YARP {plainYarp.PeakRssBytes() / 1048576.0:F0} MB" + (baseline is null ? "" : $", baseline gateway {baseline.PeakRssBytes() / 1048576.0:F0} MB"));
if (only is not null)
{
    Console.WriteLine($"--only {only}: report not written");
    return 0;
}

var report = new Report(root, rounds, seconds, hotPath, hotPathCommands, hotPathRss, peakRss, rssSplit, plainYarp.PeakRssBytes(), refresh, race!, login!, timing!.Value,
    flood!.Value)
{
    GatewayRuntimeSettings = Report.RuntimeSettings(Dll("src/Gateway", "Gateway")),
    PlainYarpRuntimeSettings = Report.RuntimeSettings(Dll("bench/Bench.PlainYarp", "Bench.PlainYarp")),
    PostgresRefresh = postgresRefresh,
    Revocation = revocation,
    Telemetry = telemetry,
    Storage = storage,
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
