using System.Net;

namespace Telepath.Daemon.Outbound.RootHelper;

/// <summary>
/// Which ranges may be redirected to the cluster and given a route of Telepath's own: a cluster's, never
/// the whole network (that would be a default route) nor a block the laptop itself depends on.
/// </summary>
public static class RedirectableRange
{
    /// <summary>The widest prefix accepted: a /8 is the widest private block, wider than any cluster's range.</summary>
    public const int WidestPrefix = 8;

    private static readonly (IPNetwork Block, string What)[] s_laptopOwn =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "\"this network\""),
        (IPNetwork.Parse("127.0.0.0/8"), "loopback"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local"),
        (IPNetwork.Parse("224.0.0.0/3"), "multicast, reserved and broadcast"),
    ];

    /// <returns>Null when <paramref name="range"/> may be redirected; else why not, as a phrase that starts with the range.</returns>
    public static string? WhyNot(IPNetwork range)
    {
        if (range.PrefixLength < WidestPrefix)
        {
            return $"{range} is wider than a /{WidestPrefix}, which is more than any cluster's range";
        }

        foreach (var (block, what) in s_laptopOwn)
        {
            if (block.Contains(range.BaseAddress) || range.Contains(block.BaseAddress))
            {
                return $"{range} overlaps {block} ({what}), which the laptop itself uses";
            }
        }

        return null;
    }
}
