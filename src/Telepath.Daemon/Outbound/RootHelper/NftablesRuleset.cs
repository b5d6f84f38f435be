using System.Globalization;
using System.Net;
using System.Text;

namespace Telepath.Daemon.Outbound.RootHelper;

/// <summary>
/// The text of Telepath's own nftables table, as one `nft -f -` transaction. Only locally generated
/// traffic passes the output hook, so nothing the laptop forwards or routes is touched; and every rule
/// matches the socket's owner (`meta skuid`), so another user's connections and lookups on the same
/// laptop go where they went before, never through this user's cluster access.
/// </summary>
internal static class NftablesRuleset
{
    public const string TableName = "telepath";

    // Declaring the table before deleting it makes the delete succeed when there is none, in the same transaction.
    private const string DropTable = $"table ip {TableName}\ndelete table ip {TableName}\n";

    // -100 is dstnat; nft 1.0.6 refuses the name in an output chain of the ip family.
    /// <summary>Replaces whatever table there was with the one for <paramref name="plan"/>, atomically.</summary>
    /// <param name="resolverUserId">systemd-resolved's user where it is the laptop's resolver: it asks Telepath's
    /// resolver on behalf of the lookups it serves, so its queries are redirected too. Its connections are not.</param>
    public static string Apply(NetworkPlan plan, uint? resolverUserId = null)
    {
        var dns = plan.DnsAddress.ToString();
        var user = plan.UserId.ToString(CultureInfo.InvariantCulture);
        var dnsUsers = resolverUserId is { } resolver && resolver != plan.UserId
            ? $"{{ {string.Join(", ", new[] { plan.UserId, resolver }.Order())} }}"
            : user;
        var text = new StringBuilder(DropTable);
        text.Append(CultureInfo.InvariantCulture, $$"""
            table ip {{TableName}} {
              set cluster {
                type ipv4_addr; flags interval; auto-merge;{{Elements(plan.ClusterRanges)}}
              }
              set never {
                type ipv4_addr; flags interval; auto-merge;{{Elements(plan.NeverRanges)}}
              }
              chain output {
                type nat hook output priority -100; policy accept;
                ip daddr {{dns}} udp dport 53 meta skuid {{dnsUsers}} redirect to :{{plan.DnsPort}}
                ip daddr {{dns}} tcp dport 53 meta skuid {{dnsUsers}} redirect to :{{plan.DnsPort}}
                ip daddr @never return
                ip daddr @cluster meta l4proto tcp meta skuid {{user}} redirect to :{{plan.ProxyPort}}
              }
            }

            """);
        return text.ToString();
    }

    /// <summary>Deletes the table; no table is not an error.</summary>
    public static string Remove() => DropTable;

    // An empty set is declared without an elements clause, which nft rejects when empty.
    private static string Elements(IReadOnlyList<IPNetwork> ranges) =>
        ranges.Count == 0 ? "" : $" elements = {{ {string.Join(", ", ranges)} }};";
}
