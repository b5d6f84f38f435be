using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Telepath.Daemon.Outbound.Transparent;

/// <summary>Where a connection that nftables redirected to us was going: the kernel keeps it in the connection's NAT entry.</summary>
internal static class OriginalDestination
{
    private const int SolIp = 0;
    private const int SoOriginalDst = 80;

    /// <returns>For a connection dialled to the proxy port directly, that port's own address where the kernel tracks connections.</returns>
    /// <exception cref="SocketException">The connection has no tracked entry at all (connection tracking is off in this namespace).</exception>
    public static IPEndPoint Read(Socket socket)
    {
        // struct sockaddr_in { sa_family_t family; in_port_t port (network order); struct in_addr addr; char zero[8]; }
        var address = new byte[16];
        socket.GetRawSocketOption(SolIp, SoOriginalDst, address);
        return new IPEndPoint(new IPAddress(address.AsSpan(4, 4)), BinaryPrimitives.ReadUInt16BigEndian(address.AsSpan(2)));
    }
}
