using System.Net;
using System.Net.Sockets;
using Telepath.KubeApi.TestServer.Storage;

namespace Telepath.Network.ClusterHost.Dns;

/// <summary>
/// The cluster's DNS (CoreDNS, reduced): answers the pods' questions about cluster names over UDP
/// on the API server's cluster-side address, which the cluster namespace's resolv.conf names.
/// Everything else is NXDOMAIN: the cluster has no way out in this topology.
/// </summary>
internal sealed class ClusterDns(IPAddress listen, ObjectStore store)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var socket = new UdpClient(new IPEndPoint(listen, 53));
        try
        {
            while (true)
            {
                var query = await socket.ReceiveAsync(cancellationToken);
                if (DnsMessage.ReadQuestion(query.Buffer) is { } question)
                {
                    var answer = DnsMessage.Answer(query.Buffer, question.End, question.Type, ClusterRecords.Lookup(store, question.Name));
                    await socket.SendAsync(answer, query.RemoteEndPoint, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The cluster stops.
        }
    }
}
