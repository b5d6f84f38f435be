using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Telepath.Daemon.Outbound.LocalProxy;

/// <summary>
/// The user who owns the client end of a TCP connection accepted on this machine, as the kernel lists
/// every socket of the network namespace in /proc/net/tcp and /proc/net/tcp6 (proc_net_tcp(5)): the
/// client's socket is the one whose local address is the peer's and whose remote address is ours. A
/// loopback peer has no credentials to ask for, as a Unix socket's has; this is where the kernel keeps them.
/// </summary>
internal static class LoopbackPeerUser
{
    private static readonly string[] s_tables = ["/proc/net/tcp", "/proc/net/tcp6"];

    // TIME_WAIT and NEW_SYN_RECV entries are not full sockets and list uid 0 whoever opened them.
    private const string TimeWait = "06";
    private const string NewSynReceived = "0C";

    /// <returns>The peer's uid; null when no live socket of this machine is the peer (it left already, or this is not Linux).</returns>
    public static uint? Of(Socket accepted) =>
        accepted.RemoteEndPoint is IPEndPoint peer && accepted.LocalEndPoint is IPEndPoint us
            ? Find(peer, us, s_tables.Where(File.Exists).SelectMany(table => File.ReadLines(table).Skip(1)))
            : null;

    /// <param name="lines">Lines of the tables without their headings.</param>
    public static uint? Find(IPEndPoint peer, IPEndPoint us, IEnumerable<string> lines)
    {
        peer = Canonical(peer);
        us = Canonical(us);
        foreach (var line in lines)
        {
            // "sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ..."
            var fields = line.Split(' ', 9, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 8 && fields[3] is not (TimeWait or NewSynReceived)
                && Parse(fields[1]) is { } local && local.Equals(peer)
                && Parse(fields[2]) is { } remote && remote.Equals(us)
                && uint.TryParse(fields[7], NumberStyles.None, CultureInfo.InvariantCulture, out var uid))
            {
                return uid;
            }
        }

        return null;
    }

    // "0100007F:1F90": the address as 32-bit words each printed in the machine's byte order, then the port.
    private static IPEndPoint? Parse(string field)
    {
        var colon = field.IndexOf(':', StringComparison.Ordinal);
        if (colon is not (8 or 32) || !ushort.TryParse(field.AsSpan(colon + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var port))
        {
            return null;
        }

        var bytes = new byte[colon / 2];
        for (var word = 0; word < colon / 8; word++)
        {
            if (!uint.TryParse(field.AsSpan(word * 8, 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }

            BitConverter.TryWriteBytes(bytes.AsSpan(word * 4), value);
        }

        return Canonical(new IPEndPoint(new IPAddress(bytes), port));
    }

    // A client with an IPv6 socket reaches 127.0.0.1 as ::ffff:127.0.0.1 and is listed so in tcp6.
    private static IPEndPoint Canonical(IPEndPoint endPoint) =>
        endPoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endPoint.Address.MapToIPv4(), endPoint.Port) : endPoint;
}
