using System.Text.Json.Nodes;

namespace Telepath.Kubernetes.Json;

/// <summary>
/// Arrays whose elements are objects with unique names (containers, volumes, env, ports): they can
/// be diffed element by element by name, as long as the names both keep are in the same order.
/// </summary>
internal static class NamedArrays
{
    public static string Name(JsonNode? element) => (string)element!["name"]!;

    public static bool Aligned(JsonArray was, JsonArray now)
    {
        if (!AllNamed(was) || !AllNamed(now))
        {
            return false;
        }

        var inNow = now.Select(Name).ToHashSet(StringComparer.Ordinal);
        var inWas = was.Select(Name).ToHashSet(StringComparer.Ordinal);
        var keptBefore = was.Select(Name).Where(inNow.Contains);
        var keptAfter = now.Select(Name).Where(inWas.Contains);
        return keptBefore.SequenceEqual(keptAfter, StringComparer.Ordinal);
    }

    private static bool AllNamed(JsonArray array)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        return array.Count > 0
            && array.All(e => e is JsonObject o && o["name"] is JsonValue v && v.TryGetValue<string>(out var name) && names.Add(name));
    }
}
