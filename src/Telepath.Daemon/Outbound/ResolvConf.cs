using System.Net;

namespace Telepath.Daemon.Outbound;

/// <summary>
/// /etc/resolv.conf (resolv.conf(5)), the one model of it that "Proxy: ON" has: its path, the laptop's own
/// nameservers read from it (the DNS forwarder's upstreams), Telepath's managed block (ResolvConf.Block.cs:
/// its markers, written and removed by the root helper) and the file read and changed in place
/// (ResolvConf.File.cs). The text functions are static and pure; an instance is one file.
/// </summary>
public sealed partial class ResolvConf(string path = ResolvConf.DefaultPath)
{
    public const string DefaultPath = "/etc/resolv.conf";

    /// <summary>Where the root helper points the laptop's resolver: the daemon's DNS server, never an upstream.</summary>
    public static readonly IPAddress OurAddress = IPAddress.Parse("127.0.0.153");

    public string Path { get; } = path;

    /// <summary>
    /// The <c>nameserver</c> addresses in file order, leaving out ours and everything inside Telepath's managed block
    /// (a block left by a killed daemon must not make us our own upstream).
    /// </summary>
    public static IReadOnlyList<IPAddress> ReadNameservers(string text)
    {
        var nameservers = new List<IPAddress>();
        foreach (var line in Lines(Unwrap(text)))
        {
            var words = line.Trim().Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words is ["nameserver", var value, ..]
                && IPAddress.TryParse(value, out var address) && !address.Equals(OurAddress) && !nameservers.Contains(address))
            {
                nameservers.Add(address);
            }
        }

        return nameservers;
    }
}
