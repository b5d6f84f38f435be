namespace Telepath.Daemon.Tests.Outbound.RootHelper;

/// <summary>
/// A fact that needs root and the real tools of the network (ip, nft, socat): it builds throwaway network
/// namespaces. Skipped, with the reason, elsewhere; CI runs as root with them installed.
/// </summary>
public sealed class RootFactAttribute : FactAttribute
{
    private static readonly string[] s_tools = ["ip", "nft", "socat", "setpriv", "curl"];

    public RootFactAttribute()
    {
        if (Environment.UserName != "root")
        {
            Skip = "needs root (network namespaces and nftables)";
        }
        else if (s_tools.FirstOrDefault(tool => !OnPath(tool)) is { } missing)
        {
            Skip = $"needs {missing} (apt-get install iproute2 nftables socat util-linux curl)";
        }
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/sbin").Append("/sbin")
            .Any(directory => File.Exists(Path.Combine(directory, tool)));
}
