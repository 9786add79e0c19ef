using System.Net.Sockets;
using System.Text;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// HTTP/1.1 spoken byte for byte over a socket to a Kestrel-hosted gateway: what HttpClient refuses to send
/// (TRACE with a body, CONNECT, a broken chunked body, Content-Length beside Transfer-Encoding, odd upgrades)
/// reaches the server exactly as written. Reads one answer; every wait is bounded.
/// </summary>
internal static class RawHttp
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Sends <paramref name="request"/> (CRLF line ends as written) and reads the answer's head and body.</summary>
    public static async Task<RawResponse> SendAsync(Uri server, string request)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host == "localhost" ? "127.0.0.1" : server.Host, server.Port, timeout.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), timeout.Token);
        await stream.FlushAsync(timeout.Token);
        return await ReadAnswerAsync(stream, timeout.Token);
    }

    private static async Task<RawResponse> ReadAnswerAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        int headEnd;
        while ((headEnd = IndexOf(received, "\r\n\r\n"u8)) < 0)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                throw new IOException($"The server closed the connection before a complete answer: '{Encoding.ASCII.GetString([.. received])}'");
            }

            received.AddRange(buffer.AsSpan(0, read));
        }

        var head = Encoding.ASCII.GetString([.. received.Take(headEnd)]).Split("\r\n");
        var status = int.Parse(head[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = head.Skip(1)
            .Select(line => line.Split(':', 2))
            .ToLookup(parts => parts[0].Trim(), parts => parts[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var body = received.Skip(headEnd + 4).ToList();

        // A 101 keeps the connection for the new protocol: there is no body to wait for.
        if (status != 101 && headers["Content-Length"].FirstOrDefault() is { } length)
        {
            var expected = int.Parse(length, System.Globalization.CultureInfo.InvariantCulture);
            while (body.Count < expected)
            {
                var read = await stream.ReadAsync(buffer, cancellationToken);
                if (read == 0)
                {
                    break;
                }

                body.AddRange(buffer.AsSpan(0, read));
            }
        }
        else if (status != 101 && headers["Transfer-Encoding"].Any())
        {
            while (IndexOf(body, "0\r\n\r\n"u8) < 0)
            {
                var read = await stream.ReadAsync(buffer, cancellationToken);
                if (read == 0)
                {
                    break;
                }

                body.AddRange(buffer.AsSpan(0, read));
            }
        }

        return new RawResponse(status, headers, Encoding.UTF8.GetString([.. body]));
    }

    private static int IndexOf(List<byte> haystack, ReadOnlySpan<byte> needle) =>
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(haystack).IndexOf(needle);
}

internal sealed record RawResponse(int Status, ILookup<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers[name].FirstOrDefault();
}
