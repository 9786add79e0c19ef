using System.Diagnostics;
using System.Net.Sockets;

namespace Gateway.ScaleOut.Infrastructure;

/// <summary>
/// Debian's nginx in the foreground, as a round-robin balancer over the gateways: the deployment's own
/// <c>docs/deploy/nginx-gateway.conf</c> with its placeholders filled in, inside a minimal main config.
/// </summary>
internal sealed class NginxBalancer : IDisposable
{
    private const string NginxPath = "/usr/sbin/nginx";

    private readonly string _folder = Directory.CreateTempSubdirectory("gateway-nginx-").FullName;
    private readonly Process _process;

    private NginxBalancer(int port, IEnumerable<int> upstreamPorts)
    {
        Port = port;
        var site = File.ReadAllText(TemplatePath)
            .Replace("{{SERVERS}}", string.Join('\n', upstreamPorts.Select(p => $"    server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;")), StringComparison.Ordinal)
            .Replace("{{LISTEN}}", $"127.0.0.1:{port}", StringComparison.Ordinal)
            .Replace("{{ACCESS_LOG}}", AccessLogPath, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_folder, "gateway.conf"), site);
        File.WriteAllText(Path.Combine(_folder, "nginx.conf"), $$"""
            # Test-only main config: everything in the temporary prefix; the site itself is the deployment's file.
            worker_processes 1;
            pid {{_folder}}/nginx.pid;
            error_log {{_folder}}/error.log warn;
            events { worker_connections 1024; }
            http {
                client_body_temp_path {{_folder}}/client_body;
                proxy_temp_path {{_folder}}/proxy;
                fastcgi_temp_path {{_folder}}/fastcgi;
                uwsgi_temp_path {{_folder}}/uwsgi;
                scgi_temp_path {{_folder}}/scgi;
                include {{_folder}}/gateway.conf;
            }
            """);

        var start = new ProcessStartInfo(NginxPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-p", _folder, "-c", Path.Combine(_folder, "nginx.conf"), "-g", "daemon off;" })
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start nginx.");
        Output.Attach(_process);
    }

    public static string TemplatePath => Path.Combine(Paths.RepositoryRoot, "docs", "deploy", "nginx-gateway.conf");

    public int Port { get; }

    public string Address => $"http://127.0.0.1:{Port}";

    public ProcessOutput Output { get; } = new();

    private string AccessLogPath => Path.Combine(_folder, "access.log");

    public static async Task<NginxBalancer> StartAsync(int port, IEnumerable<int> upstreamPorts)
    {
        if (!File.Exists(NginxPath))
        {
            throw new InvalidOperationException($"nginx is needed for the scale-out tests and was not found at {NginxPath}: install Debian's 'nginx' package (apt-get install -y nginx).");
        }

        var nginx = new NginxBalancer(port, upstreamPorts);
        var listening = await Poll.UntilAsync(() => Task.FromResult(nginx.Accepts()), TimeSpan.FromSeconds(20));
        if (!listening)
        {
            var log = File.Exists(Path.Combine(nginx._folder, "error.log")) ? File.ReadAllText(Path.Combine(nginx._folder, "error.log")) : "";
            nginx.Dispose();
            throw new InvalidOperationException($"nginx did not listen on {port}:\n{nginx.Output.Tail()}\n{log}");
        }

        return nginx;
    }

    /// <summary>The upstream address of each logged request whose path starts with <paramref name="pathPrefix"/> (several when nginx retried).</summary>
    public IReadOnlyList<string> UpstreamsOf(string pathPrefix) => Logged(pathPrefix).Select(entry => entry.Upstreams).ToList();

    /// <summary>Status and upstream addresses ("a, b" when nginx tried a second instance) of each logged request under <paramref name="pathPrefix"/>.</summary>
    public IReadOnlyList<(int Status, string Upstreams)> Logged(string pathPrefix)
    {
        using var stream = new FileStream(AccessLogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var entries = new List<(int, string)>();
        while (reader.ReadLine() is { } line)
        {
            // $remote_addr [$time_local] "$request" $status upstream=$upstream_addr rt=$request_time
            var request = line.IndexOf($" {pathPrefix}", StringComparison.Ordinal);
            var upstream = line.IndexOf(" upstream=", StringComparison.Ordinal);
            if (request < 0 || upstream < 0)
            {
                continue;
            }

            var status = line[(line.IndexOf("\" ", request, StringComparison.Ordinal) + 2)..upstream];
            var rest = line[(upstream + " upstream=".Length)..];
            entries.Add((int.Parse(status, System.Globalization.CultureInfo.InvariantCulture), rest[..rest.IndexOf(" rt=", StringComparison.Ordinal)]));
        }

        return entries;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private bool Accepts()
    {
        if (_process.HasExited)
        {
            return false;
        }

        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
