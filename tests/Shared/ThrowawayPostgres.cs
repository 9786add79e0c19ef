using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Gateway.TestSupport;

/// <summary>
/// A PostgreSQL server of its own for tests and benchmarks: <c>initdb</c> into a temporary folder, started on a
/// free loopback port with its socket in that folder, stopped and deleted on dispose (and at process exit, should
/// a test run end without disposing it). As root it runs the server as the <c>postgres</c> account, since the
/// server refuses root. Needs Debian's <c>postgresql</c> package; without it, one clear exception says so.
/// </summary>
internal sealed class ThrowawayPostgres : IDisposable
{
    private const string BinFolder = "/usr/lib/postgresql/15/bin";
    private const string ServiceAccount = "postgres";
    private const string FolderPrefix = "gateway-pg-";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private readonly string _folder;
    private int _stopped;

    private ThrowawayPostgres(string folder, int port)
    {
        _folder = folder;
        Port = port;
        // At exit only stop the server, which is quick; the watcher deletes the folder once this process is gone.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopIfRunning();
    }

    public int Port { get; }

    public string DataFolder => Path.Combine(_folder, "data");

    private string LogFile => Path.Combine(_folder, "server.log");

    /// <summary>A connection string for <paramref name="database"/> as the superuser (trust authentication, loopback only).</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = ServiceAccount, Database = database }.ConnectionString;

    public async Task<bool> DatabaseExistsAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM pg_database WHERE datname = @name";
        command.Parameters.AddWithValue("name", name);
        return await command.ExecuteScalarAsync() is not null;
    }

    /// <summary>Creates an empty database, or a copy of <paramref name="template"/> (which nobody may be connected to).</summary>
    public async Task CreateDatabaseAsync(string name, string? template = null)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        // Names come from the tests themselves (letters, digits, underscores), never from outside.
        command.CommandText = template is null ? $"CREATE DATABASE \"{name}\"" : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"";
        await command.ExecuteNonQueryAsync();
    }

    public static ThrowawayPostgres Start()
    {
        if (!File.Exists(Path.Combine(BinFolder, "initdb")))
        {
            throw new InvalidOperationException(
                $"PostgreSQL 15 is needed for these tests and was not found in {BinFolder}: install Debian's 'postgresql' package (apt-get install -y postgresql).");
        }

        RemoveStaleFolders();
        var folder = Path.Combine(Path.GetTempPath(), $"{FolderPrefix}{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        if (Environment.IsPrivilegedProcess)
        {
            Run("chown", ServiceAccount, folder);
        }

        var server = new ThrowawayPostgres(folder, FreePort());
        try
        {
            server.RunServerTool("initdb", "-D", server.DataFolder, "-A", "trust", "-U", ServiceAccount, "--no-sync", "-E", "UTF8", "--locale=C");
            server.StartServer();
            server.WatchOwner();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Starts the server again on the same folder and port (after <see cref="StopServer"/>), waiting until it accepts connections.</summary>
    public void StartServer()
    {
        // fsync off: a throwaway server need not survive a power cut. Commits are still written to the kernel before
        // they are acknowledged, so they survive StopServer's crash-like stop (synchronous_commit=off would not:
        // a login committed just before an outage would vanish, and the test would see a lost session).
        var options = $"-p {Port} -c listen_addresses=127.0.0.1 -k {_folder} -c max_connections=300 " +
            "-c fsync=off -c full_page_writes=off";
        RunServerTool("pg_ctl", "start", "-D", DataFolder, "-l", LogFile, "-w", "-t", "60", "-o", options);
    }

    /// <summary>Stops the server at once, as a crash or a lost machine would: clients see their connections break.</summary>
    public void StopServer() => RunServerTool("pg_ctl", "stop", "-D", DataFolder, "-m", "immediate", "-w", "-t", "60");

    /// <summary>
    /// Freezes the server (SIGSTOP to the postmaster and every backend), as a black-holed primary looks to its clients:
    /// connections stay open and accept bytes, nothing ever answers. <see cref="Resume"/> lets it go on where it stopped.
    /// </summary>
    public void Pause()
    {
        var postmaster = PostmasterId();
        // The postmaster first, so that it forks no new backend while they are being stopped.
        Run("kill", "-STOP", postmaster.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var children = ChildrenOf(postmaster);
        if (children.Count > 0)
        {
            Run("kill", ["-STOP", .. children.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        }
    }

    public void Resume()
    {
        var postmaster = PostmasterId();
        var all = ChildrenOf(postmaster).Prepend(postmaster).Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Run("kill", ["-CONT", .. all]);
    }

    private int PostmasterId() => int.Parse(File.ReadLines(Path.Combine(DataFolder, "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);

    private static List<int> ChildrenOf(int parent)
    {
        var children = new List<int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var id))
            {
                continue;
            }

            try
            {
                // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after its closing parenthesis.
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) == parent)
                {
                    children.Add(id);
                }
            }
            catch (IOException)
            {
                // The process ended meanwhile.
            }
        }

        return children;
    }

    /// <summary>
    /// Test hosts are often killed rather than left to run their exit handlers: a detached shell stops the server
    /// and deletes its folder once this process is gone, however it ended.
    /// </summary>
    private void WatchOwner()
    {
        var stop = Environment.IsPrivilegedProcess ? $"runuser -u {ServiceAccount} -- {BinFolder}/pg_ctl" : $"{BinFolder}/pg_ctl";
        var watch = $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; " +
            $"{stop} stop -D '{DataFolder}' -m immediate; rm -rf '{_folder}'";
        // setsid: a session of its own, so whatever ends the test host's process group does not end the watcher.
        Run("/bin/sh", "-c", $"setsid /bin/sh -c \"{watch}\" </dev/null >/dev/null 2>&1 &");
    }

    /// <summary>The end of the server's log, for failure messages.</summary>
    public string LogTail() => File.Exists(LogFile) ? string.Join('\n', File.ReadLines(LogFile).TakeLast(40)) : "(no server log)";

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        try
        {
            StopIfRunning();
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private void StopIfRunning()
    {
        if (File.Exists(Path.Combine(DataFolder, "postmaster.pid")))
        {
            StopServer();
        }
    }

    /// <summary>
    /// A test host may be stopped before its exit handler has deleted the folder (the server is stopped first):
    /// remove folders of earlier runs whose server is no longer running.
    /// </summary>
    private static void RemoveStaleFolders()
    {
        foreach (var stale in Directory.EnumerateDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            var old = Directory.GetLastWriteTimeUtc(stale) < DateTime.UtcNow.AddMinutes(-10);
            if (old && !File.Exists(Path.Combine(stale, "data", "postmaster.pid")))
            {
                try
                {
                    Directory.Delete(stale, recursive: true);
                }
                catch (IOException)
                {
                    // Another run is removing it too; either way it goes.
                }
            }
        }
    }

    private void RunServerTool(string tool, params string[] args)
    {
        var path = Path.Combine(BinFolder, tool);
        if (Environment.IsPrivilegedProcess)
        {
            Run("runuser", ["-u", ServiceAccount, "--", path, .. args], _folder);
        }
        else
        {
            Run(path, args, _folder);
        }
    }

    private static void Run(string file, params string[] args) => Run(file, args, workingDirectory: null);

    private static void Run(string file, string[] args, string? workingDirectory)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(CommandTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} did not finish within {CommandTimeout.TotalSeconds} s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}: {output.Result}{error.Result}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
