using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using Gateway.ScaleOut.Infrastructure;
using Xunit.Abstractions;

namespace Gateway.ScaleOut;

/// <summary>A WebSocket open on one instance is closed within the contract's 1 s of its session ending on another.</summary>
[Collection(ScaleOutClusterDefinition.Name)]
public sealed class LongLivedConnectionTests(ScaleOutCluster cluster, ITestOutputHelper output)
{
    private static readonly TimeSpan ContractBound = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task WebSocket_OnInstanceB_ClosedWithinOneSecondOfLogoutOnInstanceA()
    {
        var (a, b) = (cluster.Instances[0], cluster.Instances[1]);
        using var onA = cluster.Browser(a);
        (await onA.LoginAsync(ScaleOutCluster.UserName, ScaleOutCluster.Password)).EnsureSuccessStatusCode();
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", cluster.Balancer.Address);
        socket.Options.SetRequestHeader("Cookie", string.Join("; ", onA.Cookies.Select(cookie => $"{cookie.Key}={cookie.Value}")));
        using (var connecting = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{b.Port}/api/live"), connecting.Token);
        }

        Assert.True(await EchoesAsync(socket), "the WebSocket through instance B does not echo");
        var openBefore = cluster.Downstream.OpenStreams;

        Assert.Equal(HttpStatusCode.NoContent, (await onA.PostAsync("/auth/logout")).StatusCode);
        var clock = Stopwatch.StartNew();
        var clientSawTheClose = await ClosedAsync(socket, clock);
        var downstreamSawTheClose = await cluster.Downstream.StreamEndedAsync(TimeSpan.FromSeconds(5)) is not null ? clock.Elapsed : TimeSpan.MaxValue;

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"WebSocket on instance B after logout on instance A: client saw the close after {clientSawTheClose.TotalMilliseconds:F0} ms, the downstream by {downstreamSawTheClose.TotalMilliseconds:F0} ms"));
        Assert.True(openBefore >= 1);
        Assert.True(clientSawTheClose <= ContractBound, $"closed after {clientSawTheClose.TotalMilliseconds:F0} ms\n{cluster.Diagnostics()}");
        Assert.True(downstreamSawTheClose <= ContractBound, $"downstream closed after {downstreamSawTheClose.TotalMilliseconds:F0} ms");
    }

    private static async Task<bool> EchoesAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var message = Encoding.UTF8.GetBytes("ping");
        await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
        var buffer = new byte[64];
        var received = await socket.ReceiveAsync(buffer, timeout.Token);
        return buffer.AsSpan(0, received.Count).SequenceEqual(message);
    }

    /// <summary>When the receive ended in a close or an error: the gateway closed the socket. Bounded at 10 s.</summary>
    private static async Task<TimeSpan> ClosedAsync(ClientWebSocket socket, Stopwatch clock)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            var received = await socket.ReceiveAsync(new byte[64], timeout.Token);
            return received.MessageType == WebSocketMessageType.Close ? clock.Elapsed : TimeSpan.MaxValue;
        }
        catch (OperationCanceledException)
        {
            return TimeSpan.MaxValue;
        }
        catch (Exception exception) when (exception is WebSocketException or IOException)
        {
            return clock.Elapsed;
        }
    }
}
