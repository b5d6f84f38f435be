using System.Net;
using System.Runtime.InteropServices;
using System.Text;

namespace Telepath.Daemon.Outbound.RootHelper;

/// <summary>
/// Telepath's own network link: a TUN device that systemd-resolved attaches the cluster's DNS domains to,
/// and that holds the routes Telepath adds for cluster ranges no other route covers. It carries no traffic:
/// nftables redirects what is routed to it before it is sent. It is not persistent, so the kernel removes
/// it, with its routes, and resolved forgets its DNS settings, when the helper closes it or dies: a killed
/// helper cannot leave the link, its routes or split DNS behind.
/// </summary>
public sealed partial class TelepathLink : IDisposable
{
    public const string DefaultName = "telepath0";

    /// <summary>
    /// resolved uses a link's DNS only when the link has an address of global scope, and a connection
    /// routed through the link needs a source address when the laptop has no other (offline). One /32
    /// from the IPv4 link-local range, which no cluster, VPN or LAN routes to, so it shadows nothing.
    /// </summary>
    public static readonly IPAddress Address = IPAddress.Parse("169.254.83.53");

    private const int IffTun = 0x0001;
    private const int IffNoPi = 0x1000;
    private const ulong TunSetIff = 0x400454ca;
    private const int ORdWr = 2;
    private const int OCloExec = 0x80000;

    private static readonly SystemTool s_ip = SystemTool.Find("ip");

    private readonly int _fd;

    private TelepathLink(int fd, string name, int index)
    {
        _fd = fd;
        Name = name;
        Index = index;
    }

    public string Name { get; }

    public int Index { get; }

    /// <summary>Creates the link, gives it <see cref="Address"/> and brings it up.</summary>
    /// <exception cref="IOException">No /dev/net/tun, a link of that name exists already, or `ip` failed.</exception>
    public static async Task<TelepathLink> CreateAsync(string name = DefaultName, CancellationToken cancellationToken = default)
    {
        var fd = open("/dev/net/tun", ORdWr | OCloExec);
        if (fd < 0)
        {
            throw new IOException($"cannot open /dev/net/tun ({Marshal.GetLastPInvokeErrorMessage()})");
        }

        var link = default(TelepathLink);
        try
        {
            var request = new byte[40];
            Encoding.ASCII.GetBytes(name, request);
            BitConverter.TryWriteBytes(request.AsSpan(16), (short)(IffTun | IffNoPi));
            if (ioctl(fd, TunSetIff, request) < 0)
            {
                throw new IOException($"cannot create the link {name} ({Marshal.GetLastPInvokeErrorMessage()})");
            }

            var index = int.Parse(await File.ReadAllTextAsync($"/sys/class/net/{name}/ifindex", cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            link = new TelepathLink(fd, name, index);
            await RunIpAsync(cancellationToken, "addr", "add", $"{Address}/32", "dev", name).ConfigureAwait(false);
            await RunIpAsync(cancellationToken, "link", "set", name, "up").ConfigureAwait(false);
            return link;
        }
        catch
        {
            if (link is not null)
            {
                link.Dispose();
            }
            else
            {
                _ = close(fd);
            }

            throw;
        }
    }

    public void Dispose() => _ = close(_fd);

    private static async Task RunIpAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var (exitCode, error) = await s_ip.RunAsync(arguments, null, cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new IOException($"ip {string.Join(' ', arguments)} failed: {error}");
        }
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int ioctl(int fd, ulong request, byte[] argument);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int fd);
}
