namespace Telepath.Network.Tests.Infrastructure;

/// <summary>What Telepath may change on the laptop and must put back: the nftables ruleset, resolv.conf, the routes and the links.</summary>
public sealed record LaptopSnapshot(string Ruleset, string ResolvConf, string Routes, string Links)
{
    public static async Task<LaptopSnapshot> TakeAsync(NetworkTopology topology)
    {
        var ruleset = await NetworkTopology.MustExecAsync(topology.Names.Laptop, "nft", "list", "ruleset");
        // IPv4 only, every table: Telepath routes no IPv6, and the kernel adds an IPv6 link-local
        // address's route whenever duplicate address detection happens to finish, which under load
        // can be between two snapshots.
        var routes = await NetworkTopology.MustExecAsync(topology.Names.Laptop, "ip", "-4", "route", "show", "table", "all");

        // Byte for byte: a restored file must not differ even in whitespace.
        var resolvConf = Convert.ToHexString(await File.ReadAllBytesAsync(topology.ResolvConfPath));

        // Names only: a link's state and counters change on their own.
        var links = await NetworkTopology.MustExecAsync(topology.Names.Laptop, "ls", "/sys/class/net");
        return new LaptopSnapshot(ruleset.Stdout, resolvConf, routes.Stdout, links.Stdout);
    }
}
