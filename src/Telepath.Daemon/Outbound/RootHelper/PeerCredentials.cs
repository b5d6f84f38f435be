using System.Net.Sockets;

namespace Telepath.Daemon.Outbound.RootHelper;

/// <summary>Who is at the other end of a Unix socket, as the kernel saw it connect (SO_PEERCRED): it cannot be forged by the peer.</summary>
public readonly record struct PeerCredentials(int ProcessId, uint UserId, uint GroupId)
{
    private const int SolSocket = 1;
    private const int SoPeerCred = 17;

    public static PeerCredentials Of(Socket socket)
    {
        // struct ucred { pid_t pid; uid_t uid; gid_t gid; }, in the machine's byte order.
        var ucred = new byte[12];
        socket.GetRawSocketOption(SolSocket, SoPeerCred, ucred);
        return new PeerCredentials(
            BitConverter.ToInt32(ucred, 0),
            BitConverter.ToUInt32(ucred, 4),
            BitConverter.ToUInt32(ucred, 8));
    }
}
