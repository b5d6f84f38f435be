using System.Text.Json;

namespace Telepath.Daemon.Tests.Network;

/// <summary>What `nft -j list ruleset` shows in a namespace: its tables, and the sets and redirects of Telepath's table.</summary>
public sealed record NftTable(IReadOnlyList<string> Tables, IReadOnlyList<string> Cluster, IReadOnlyList<string> Never, IReadOnlyList<int> RedirectPorts)
{
    public static async Task<NftTable> ReadAsync(NetNamespace network)
    {
        using var json = JsonDocument.Parse((await network.ExecAsync("nft", "-j", "list", "ruleset")).Stdout);
        var items = json.RootElement.GetProperty("nftables").EnumerateArray().ToList();
        var tables = items.Where(item => item.TryGetProperty("table", out _))
            .Select(item => $"{item.GetProperty("table").GetProperty("family").GetString()} {item.GetProperty("table").GetProperty("name").GetString()}")
            .ToList();
        var ports = items.Where(item => item.TryGetProperty("rule", out _))
            .SelectMany(item => item.GetProperty("rule").GetProperty("expr").EnumerateArray())
            .Where(expression => expression.TryGetProperty("redirect", out _))
            .Select(expression => expression.GetProperty("redirect").GetProperty("port").GetInt32())
            .ToList();
        return new NftTable(tables, Elements(items, "cluster"), Elements(items, "never"), ports);
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
}
