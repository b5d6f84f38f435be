using System.Net;

namespace Telepath.Daemon.Dns;

/// <summary>The laptop's own nameservers, read from /etc/resolv.conf (resolv.conf(5)).</summary>
public static class ResolvConf
{
    public const string Path = "/etc/resolv.conf";

    /// <summary>Where the privileged helper points the laptop's resolver: our server, never an upstream.</summary>
    public static readonly IPAddress OurAddress = IPAddress.Parse("127.0.0.153");

    public const string BlockStart = "# >>> telepath";
    public const string BlockEnd = "# <<< telepath";

    /// <summary>
    /// The <c>nameserver</c> addresses in file order, leaving out ours and everything inside Telepath's managed block
    /// (a block left by a killed daemon must not make us our own upstream).
    /// </summary>
    public static IReadOnlyList<IPAddress> ReadNameservers(string text)
    {
        var nameservers = new List<IPAddress>();
        var insideBlock = false;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.StartsWith(BlockStart, StringComparison.Ordinal))
            {
                insideBlock = true;
                continue;
            }

            if (line.StartsWith(BlockEnd, StringComparison.Ordinal))
            {
                insideBlock = false;
                continue;
            }

            var words = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (insideBlock || words is not ["nameserver", var value, ..])
            {
                continue;
            }

            if (IPAddress.TryParse(value, out var address) && !address.Equals(OurAddress) && !nameservers.Contains(address))
            {
                nameservers.Add(address);
            }
        }

        return nameservers;
    }
}
