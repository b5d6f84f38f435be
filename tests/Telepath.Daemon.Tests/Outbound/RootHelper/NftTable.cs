using System.Text.Json;

namespace Telepath.Daemon.Tests.Outbound.RootHelper;

/// <summary>
/// What `nft -j list ruleset` shows in a namespace: its tables, and the sets and redirects of Telepath's table,
/// with the users (`meta skuid`) each redirect rule is limited to, one list a rule.
/// </summary>
public sealed record NftTable(
    IReadOnlyList<string> Tables, IReadOnlyList<string> Cluster, IReadOnlyList<string> Never, IReadOnlyList<int> RedirectPorts, IReadOnlyList<IReadOnlyList<uint>> RedirectUsers)
{
    public static async Task<NftTable> ReadAsync(NetNamespace network)
    {
        using var json = JsonDocument.Parse((await network.ExecAsync("nft", "-j", "list", "ruleset")).Stdout);
        var items = json.RootElement.GetProperty("nftables").EnumerateArray().ToList();
        var tables = items.Where(item => item.TryGetProperty("table", out _))
            .Select(item => $"{item.GetProperty("table").GetProperty("family").GetString()} {item.GetProperty("table").GetProperty("name").GetString()}")
            .ToList();
        var redirects = items.Where(item => item.TryGetProperty("rule", out _))
            .Select(item => item.GetProperty("rule").GetProperty("expr").EnumerateArray().ToList())
            .Where(expressions => expressions.Any(expression => expression.TryGetProperty("redirect", out _)))
            .ToList();
        var ports = redirects.Select(expressions => expressions.Single(expression => expression.TryGetProperty("redirect", out _)).GetProperty("redirect").GetProperty("port").GetInt32()).ToList();
        return new NftTable(tables, Elements(items, "cluster"), Elements(items, "never"), ports, [.. redirects.Select(Users)]);
    }

    private static List<string> Elements(List<JsonElement> items, string set) =>
        [.. items.Where(item => item.TryGetProperty("set", out var found) && found.GetProperty("name").GetString() == set)
            .SelectMany(item => item.GetProperty("set").TryGetProperty("elem", out var elements) ? elements.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Select(Element)];

    // An element is a {"prefix": {"addr", "len"}} for a range, or a bare address string for a /32.
    private static string Element(JsonElement element) =>
        element.ValueKind == JsonValueKind.String
            ? element.GetString() + "/32"
            : $"{element.GetProperty("prefix").GetProperty("addr").GetString()}/{element.GetProperty("prefix").GetProperty("len").GetInt32()}";

    // {"match": {"left": {"meta": {"key": "skuid"}}, "right": 1000}}, or "right": {"set": [101, 1000]}; none when the rule has no such match.
    private static IReadOnlyList<uint> Users(List<JsonElement> expressions) =>
        [.. expressions.Where(expression => expression.TryGetProperty("match", out var match)
                && match.GetProperty("left").TryGetProperty("meta", out var meta) && meta.GetProperty("key").GetString() == "skuid")
            .SelectMany(expression => expression.GetProperty("match").GetProperty("right") is var right && right.ValueKind == JsonValueKind.Number
                ? [right.GetUInt32()]
                : right.GetProperty("set").EnumerateArray().Select(user => user.GetUInt32()))];
}
