using System.Net;
using System.Net.Sockets;
using Telepath.Protocol.Manager;
using Telepath.TrafficManager.Outbound;

namespace Telepath.TrafficManager.Tests.Outbound;

public sealed class OutboundDialerTests
{
    [Fact]
    public async Task A_destination_that_never_answers_times_out_naming_the_limit_and_the_address()
    {
        // A listener whose accept queue is full drops new SYNs: the connect neither succeeds nor fails.
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        silent.Listen(0);
        var endPoint = (IPEndPoint)silent.LocalEndPoint!;
        var queued = new List<Socket>();
        try
        {
            var connects = new List<Task>();
            for (var i = 0; i < 4; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                queued.Add(socket);
                connects.Add(socket.ConnectAsync(endPoint));
            }

            // Observed, not slept on: a connect that completed sits in the accept queue, one still pending
            // was dropped, so the queue is full and the dialer's own SYN is dropped too.
            await Task.WhenAny(connects);
            Assert.Contains(connects, connect => !connect.IsCompleted);
            var options = new ManagerOptions(new IPEndPoint(IPAddress.Loopback, 0), "token") { OutboundConnectTimeout = TimeSpan.FromSeconds(1), OutboundAllowList = [IPNetwork.Parse("127.0.0.0/8")] };

            var dial = await new OutboundDialer(new ClusterResolver(), new OutboundPolicy(options), options).DialAsync("127.0.0.1", endPoint.Port, CancellationToken.None);

            Assert.Null(dial.Socket);
            Assert.Equal(TunnelErrorCode.TimedOut, dial.Error);
            Assert.Equal($"timed out after 1 s connecting to {endPoint}", dial.Message);
        }
        finally
        {
            queued.ForEach(socket => socket.Dispose());
        }
    }
}
